/**
 * The demo provider's chooser as the newcomer meets it (issue 12, item 8): nobody is preselected, a login
 * started from an invitation link says whom the link is for, and the page follows the language of the
 * service's pages, also when the login does not pass it on (the secretary's pages).
 */
import { chooserFormAction, CookieJar } from '../../helpers/demo-login';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { testExtract, tokenOf } from './test-extracts';

describe('the demo chooser', () => {
  let service: TestService;
  let saraToken: string;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines });
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters: ['sara'] }));
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    saraToken = tokenOf(sent.json.signers.find((s: { field: string }) => s.field === 'justerare-1').invitationUrl);
  });
  afterAll(async () => {
    await service?.close();
  });

  async function chooser(jar: CookieJar, path: string): Promise<{ html: string; url: string }> {
    const { response, url } = await jar.fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(url).toContain('/demo-idp/interaction/');
    return { html: await response.text(), url };
  }

  it('preselects nobody and names the person the invitation link is for, in Swedish', async () => {
    const { html } = await chooser(new CookieJar(), `/invitation/${saraToken}`);
    expect(html).toContain('<html lang="sv">');
    expect(html.match(/type="radio"/g)!.length).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/\bchecked\b/);
    expect(html).toContain('Länken du öppnade är en inbjudan till Sara Grolander.');
    // The hint ends with that login: the next login in the same browser starts without it.
    const jar = new CookieJar();
    const first = await chooser(jar, `/invitation/${saraToken}`);
    await jar.fetch(chooserFormAction(first.html, first.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: 'person=sara' });
    expect((await chooser(jar, '/auth/login?returnTo=%2Fauth%2Fme')).html).not.toContain('inbjudan till');
  });

  it('follows the page language: English from an English invitation page and from the lang cookie', async () => {
    const fromLink = await chooser(new CookieJar(), `/invitation/${saraToken}?lang=en`);
    expect(fromLink.html).toContain('<html lang="en">');
    expect(fromLink.html).toContain('The link you opened is an invitation for Sara Grolander.');

    const jar = new CookieJar();
    jar.store(['lang=en; Path=/']);
    const secretary = await chooser(jar, '/sekreterare');
    expect(secretary.html).toContain('<html lang="en">');
    expect(secretary.html).toContain('Log in (demo)');
    expect(secretary.html).not.toContain('invitation for');
  });
});
