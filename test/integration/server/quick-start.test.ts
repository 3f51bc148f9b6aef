/**
 * `justera serve` with no configuration but a port and a data folder, as `npm start` runs it: SQLite in
 * DATA_DIR, keys-example, the built-in TSA, the demo provider; on an empty database it creates and sends the
 * example extract and prints the secretary's API key and the invitation links, which work as printed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { freePort, spawnService, type ChildService } from './child-service';

jest.setTimeout(120_000);

describe('quick start (npm start)', () => {
  let service: ChildService | undefined;
  let dataDir: string;
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints working links and an API key, and the example can be signed through them', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'justera-start-'));
    const port = await freePort();
    service = await spawnService({ DATA_DIR: dataDir, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LOAD_EXAMPLE: '1' }, port);
    await service.waitForOutput(/Invitation for Johan Nilsson/);
    const text = service.output.join('\n');
    expect(text).toContain('DEMO login');
    const key = readFileSync(join(dataDir, 'bootstrap-api-key'), 'utf8').trim();
    expect(text).toContain(`Bearer ${key}`);
    const extractId = /Example extract (\S+) was created and sent/.exec(text)?.[1];
    const saraLink = /Invitation for Sara Grolander \(justerare-1\): (\S+?)"/.exec(text)?.[1];
    const johanLink = /Invitation for Johan Nilsson \(ordforande\): (\S+?)"/.exec(text)?.[1];
    expect(extractId && saraLink && johanLink).toBeTruthy();

    for (const [person, link] of [['sara', saraLink!], ['johan', johanLink!]] as const) {
      const jar = new CookieJar();
      const path = new URL(link).pathname;
      await demoLogin(service.baseUrl, jar, person, path);
      const token = path.split('/invitation/')[1]!;
      const signed = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
      expect({ status: signed.response.status, body: await signed.response.json() }).toMatchObject({ status: 200 });
    }
    const status = await fetch(`${service.baseUrl}/api/v1/extracts/${extractId}/status`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await status.json()) as { state: string }).state).toBe('anslag_published');
    // The log never carries a personnummer (the example's signers have one).
    expect(service.output.join('\n')).not.toMatch(/19650412-?7793|19821105-?4427/);
  });
});
