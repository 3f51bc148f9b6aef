import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { loadKeys } from '../../../src/ca/keys-folder';

describe('justera keys init', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('creates a keys folder for the organisation and base URL given, and refuses to overwrite it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'justera-cli-keys-')), 'nycklar');
    const args = ['node', 'justera', 'keys', 'init', dir, '--organisation', 'Söderköpings kommun', '--public-base-url', 'https://justera.soderkoping.se'];
    expect(await main(args)).toBe(0);
    expect(stdout.mock.calls.join('')).toContain('Created keys for "Söderköpings kommun"');
    const keys = loadKeys(dir);
    expect(keys.seal.parsed.subject).toBe('CN=Söderköpings kommun sigill,O=Söderköpings kommun,C=SE');
    expect(keys.signingCa.parsed.crlDistributionPoints).toEqual(['https://justera.soderkoping.se/pki/root-ca.crl']);
    expect(await main(args)).toBe(2);
    expect(stderr.mock.calls.join('')).toContain('ERR_KEYS_INVALID');
  });

  it('refuses a validity that is not a whole number of years, naming the option', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'justera-cli-keys-')), 'nycklar');
    expect(await main(['node', 'justera', 'keys', 'init', dir, '--validity-years', 'tio'])).toBe(2);
    expect(stderr.mock.calls.join('')).toContain('ERR_USAGE (--validity-years)');
  });
});
