import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultKeysDir, packageRoot } from '../../../src/config/paths';

describe('packageRoot and defaultKeysDir', () => {
  const checkout = resolve(__dirname, '../../..');

  it('find the checkout from any module folder, whatever the current directory', () => {
    expect(packageRoot()).toBe(checkout);
    expect(packageRoot(join(checkout, 'src', 'server'))).toBe(checkout);
  });

  it('default to the package\u2019s keys-example, which holds the demonstration root', () => {
    expect(defaultKeysDir({})).toBe(join(checkout, 'keys-example'));
    expect(existsSync(join(defaultKeysDir({}), 'root-ca.crt.pem'))).toBe(true);
  });

  it('take KEYS_DIR when it is set, resolved against the current directory', () => {
    expect(defaultKeysDir({ KEYS_DIR: 'my-keys' })).toBe(resolve('my-keys'));
  });
});
