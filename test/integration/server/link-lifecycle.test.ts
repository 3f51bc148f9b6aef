/**
 * The life of an invitation link on the secretary's pages and in the trail (issue 12, items 6 and 7): an
 * expired link is shown as such, the secretary sends one signer a new link or corrects the e-mail address
 * (the old link stops working, a mail lands in the outbox), a reminder carries a fresh link, the trail names
 * who pressed the button and records a refused wrong-person login; once justerad every signer gets a mail
 * with the signed PDF's link, and the receipt links it. SQLite and PostgreSQL.
 */
import { CookieJar, demoLogin, sessionJsonHeaders } from '../../helpers/demo-login';
import { dialects } from '../storage/test-database';
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { demoPerson, testExtract, tokenOf, type DemoId } from './test-extracts';
import { findSigner } from '../../../src/storage/signers-repository';
import { listAuditEvents } from '../../../src/storage/audit-repository';

class MovableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const DAY_MS = 86_400_000;

interface Mail {
  to: string;
  subject: string;
  text: string;
}

describe.each(dialects)('the invitation link lifecycle on %s', (dialect) => {
  let service: TestService;
  let secretary: CookieJar;
  const clock = new MovableClock();

  /** Karin logs in (again: a session lasts hours, and the tests move the clock by days). */
  async function secretaryLogin(): Promise<void> {
    secretary = new CookieJar();
    await demoLogin(service.baseUrl, secretary, 'karin', '/sekreterare');
  }

  /** Moves the clock by `days` for `run`, with fresh sessions on the moved clock. */
  async function later(days: number, run: () => Promise<void>): Promise<void> {
    clock.offsetMs = days * DAY_MS;
    try {
      await secretaryLogin();
      await run();
    } finally {
      clock.offsetMs = 0;
      await secretaryLogin();
    }
  }

  beforeAll(async () => {
    service = await startTestService({ dialect, engines: standInEngines, clock });
    await secretaryLogin();
  });
  afterAll(async () => {
    await service?.close();
  });

  async function sentExtract(adjusters: DemoId[] = ['sara']): Promise<{ id: string; links: Record<string, string> }> {
    const created = await api(service, 'POST', '/api/v1/extracts', testExtract({ adjusters }));
    const sent = await api(service, 'POST', `/api/v1/extracts/${created.json.id}/send`);
    expect(sent.status).toBe(200);
    const links: Record<string, string> = {};
    for (const s of sent.json.signers as { field: string; invitationUrl: string }[]) links[s.field] = tokenOf(s.invitationUrl);
    return { id: created.json.id, links };
  }

  async function page(path: string): Promise<string> {
    const { response } = await secretary.fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    return response.text();
  }

  /** Posts a form of the secretary's extract page the way the browser does (its CSRF field, our Origin). */
  async function postForm(extractId: string, action: string, fields: Record<string, string> = {}): Promise<{ status: number; url: string; html: string }> {
    const html = await page(`/sekreterare/utdrag/${extractId}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(csrf).toBeDefined();
    const { response, url } = await secretary.fetch(`${service.baseUrl}/sekreterare/utdrag/${extractId}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.baseUrl, accept: 'text/html' },
      body: new URLSearchParams({ _csrf: csrf!, ...fields }).toString(),
    });
    return { status: response.status, url, html: await response.text() };
  }

  async function mails(extractId: string): Promise<Mail[]> {
    return (await api(service, 'GET', `/api/v1/outbox?extractId=${extractId}`)).json.mails as Mail[];
  }

  async function signerJar(person: DemoId): Promise<CookieJar> {
    const jar = new CookieJar();
    await demoLogin(service.baseUrl, jar, person);
    return jar;
  }

  async function signWith(jar: CookieJar, token: string): Promise<{ status: number; json: any }> {
    const { response } = await jar.fetch(`${service.baseUrl}/api/v1/invitations/${token}/sign`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, jar), body: '{}' });
    return { status: response.status, json: await response.json() };
  }

  it('shows "länken har gått ut" for an expired link, and a new link to one signer revokes the old one', async () => {
    const { id, links } = await sentExtract();
    expect(await page(`/sekreterare/utdrag/${id}`)).not.toContain('länken har gått ut');
    await later(15, async () => {
      const expired = await page(`/sekreterare/utdrag/${id}`);
      expect(expired.match(/länken har gått ut/g)).toHaveLength(2);

      const before = await findSigner(service.database.db.knex, id, 1, 'justerare-1');
      const mailsBefore = (await mails(id)).length;
      const posted = await postForm(id, 'undertecknare/justerare-1/ny-lank');
      expect(posted.status).toBe(200);
      expect(posted.url).toContain('klart=reinvited');
      expect(posted.html).toContain('En ny länk är skickad');
      // Only the other signer's link is still expired.
      expect(posted.html.match(/länken har gått ut/g)).toHaveLength(1);

      const after = await findSigner(service.database.db.knex, id, 1, 'justerare-1');
      expect(after!.invitationJti).not.toBe(before!.invitationJti);
      expect(after!.invitationToken).not.toBe(links['justerare-1']);
      expect(Date.parse(after!.invitationExpiresAt!)).toBeGreaterThan(clock.now().getTime() + 13 * DAY_MS);
      const outbox = await mails(id);
      expect(outbox).toHaveLength(mailsBefore + 1);
      expect(outbox[0]).toMatchObject({ to: demoPerson('sara').email });
      expect(outbox[0]!.text).toContain(`/invitation/${after!.invitationToken}`);

      const sara = await signerJar('sara');
      expect((await signWith(sara, links['justerare-1']!)).json.error.code).toBe('ERR_INVITATION_EXPIRED');
      expect((await signWith(sara, after!.invitationToken!)).status).toBe(200);

      const trail = await listAuditEvents(service.database.db.knex, id);
      const reinvited = trail.find((e) => e.type === 'reinvited');
      expect(reinvited?.actor).toMatch(/^person:Karin Sekreterare </);
      expect(JSON.parse(reinvited!.details)).toMatchObject({ field: 'justerare-1', to: demoPerson('sara').email });
    });
  });

  it('changes a signer\'s e-mail: the new address gets a new link, a wrong address is refused at its field', async () => {
    const { id, links } = await sentExtract();
    const wrong = await postForm(id, 'undertecknare/justerare-1/epost', { 'email-justerare-1': 'inte en adress' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Skriv en e-postadress');
    expect(wrong.html).toMatch(/id="f-email-justerare-1"[^>]*aria-invalid="true"/);

    const posted = await postForm(id, 'undertecknare/justerare-1/epost', { 'email-justerare-1': 'sara.ny@example.org' });
    expect(posted.url).toContain('klart=emailChanged');
    expect(posted.html).toContain('sara.ny@example.org');
    const signer = await findSigner(service.database.db.knex, id, 1, 'justerare-1');
    expect(signer!.email).toBe('sara.ny@example.org');
    expect(signer!.invitationToken).not.toBe(links['justerare-1']);
    const outbox = await mails(id);
    expect(outbox[0]).toMatchObject({ to: 'sara.ny@example.org' });
    expect(outbox[0]!.text).toContain(`/invitation/${signer!.invitationToken}`);
    // The old link, still within its time, is revoked.
    const sara = await signerJar('sara');
    const old = await signWith(sara, links['justerare-1']!);
    expect({ status: old.status, code: old.json.error.code }).toEqual({ status: 409, code: 'ERR_INVITATION_USED' });
    const event = (await listAuditEvents(service.database.db.knex, id)).find((e) => e.type === 'email_changed');
    expect(event?.actor).toMatch(/^person:Karin Sekreterare </);
    expect(JSON.parse(event!.details)).toEqual({ field: 'justerare-1', from: demoPerson('sara').email, to: 'sara.ny@example.org' });
  });

  it('a reminder carries a fresh link that works after the first one expired, and names who pressed the button', async () => {
    const { id, links } = await sentExtract();
    await later(15, async () => {
      const posted = await postForm(id, 'paminn');
      expect(posted.url).toContain('klart=reminded');
      const reminders = (await mails(id)).filter((m) => m.subject.startsWith('Påminnelse'));
      expect(reminders.map((m) => m.to).sort()).toEqual([demoPerson('johan').email, demoPerson('sara').email].sort());
      const fresh = tokenOf(/(http\S+\/invitation\/\S+)/.exec(reminders.find((m) => m.to === demoPerson('sara').email)!.text)![1]!);
      expect(fresh).not.toBe(links['justerare-1']);
      const sara = await signerJar('sara');
      expect((await signWith(sara, links['justerare-1']!)).json.error.code).toBe('ERR_INVITATION_EXPIRED');
      expect((await signWith(sara, fresh)).status).toBe(200);
      const reminded = (await listAuditEvents(service.database.db.knex, id)).filter((e) => e.type === 'reminded');
      expect(reminded).toHaveLength(2);
      for (const event of reminded) expect(event.actor).toMatch(/^person:Karin Sekreterare </);
    });
  });

  it('records a refused wrong-person login in the trail', async () => {
    const { id, links } = await sentExtract();
    const asa = await signerJar('asa');
    const opened = await asa.fetch(`${service.baseUrl}/invitation/${links['justerare-1']}`, { headers: { accept: 'text/html' } });
    expect(opened.response.status).toBe(403);
    const refused = (await listAuditEvents(service.database.db.knex, id)).filter((e) => e.type === 'login_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.actor).toMatch(/^person:Åsa Öberg </);
    expect(JSON.parse(refused[0]!.details)).toMatchObject({ field: 'justerare-1', invited: 'Sara Grolander', reason: 'wrong_person' });
    expect(refused[0]!.details).not.toContain(demoPerson('asa').personnummer);
    expect(await page(`/sekreterare/utdrag/${id}`)).toContain('Inloggning nekad: fel person');
  });

  it('once justerad every signer gets the signed PDF\'s link, which (and the receipt) work behind their login, also after the link expired', async () => {
    const { id, links } = await sentExtract();
    const sara = await signerJar('sara');
    const johan = await signerJar('johan');
    expect((await signWith(sara, links['justerare-1']!)).status).toBe(200);
    expect((await signWith(johan, links.ordforande!)).json.justerad).toBe(true);

    const results = (await mails(id)).filter((m) => m.subject.startsWith('Justerat'));
    const secretaryEmail = (testExtract().participants as { secretary: { email?: string } }).secretary.email;
    expect(results.map((m) => m.to).sort()).toEqual([demoPerson('johan').email, demoPerson('sara').email, ...(secretaryEmail ? [secretaryEmail] : [])].sort());
    const saraMail = results.find((m) => m.to === demoPerson('sara').email)!;
    expect(saraMail.text).toContain(`${service.baseUrl}/invitation/${links['justerare-1']}/justerad.pdf`);
    expect(saraMail.text).toContain(`${service.baseUrl}/invitation/${links['justerare-1']}/kvitto`);

    await later(30, async () => {
      const saraAgain = await signerJar('sara');
      const receipt = await saraAgain.fetch(`${service.baseUrl}/invitation/${links['justerare-1']}/kvitto`, { headers: { accept: 'text/html' } });
      expect(receipt.response.status).toBe(200);
      expect(await receipt.response.text()).toContain(`href="/invitation/${links['justerare-1']}/justerad.pdf"`);
      const pdf = await saraAgain.fetch(`${service.baseUrl}/invitation/${links['justerare-1']}/justerad.pdf`);
      expect(pdf.response.status).toBe(200);
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await pdf.response.arrayBuffer()).toString('latin1');
      expect(bytes).toContain('% signed justerare-1 by Sara Grolander');
      expect(bytes).toContain('% document timestamp');
      // Johan's link is not Sara's: the PDF goes to the invited person only.
      const other = await saraAgain.fetch(`${service.baseUrl}/invitation/${links.ordforande}/justerad.pdf`, { headers: { accept: 'text/html' } });
      expect(other.response.status).toBe(404);
    });
  });

  it('the receipt of a declined version says that a newer version waits', async () => {
    const { id, links } = await sentExtract();
    const sara = await signerJar('sara');
    const declined = await sara.fetch(`${service.baseUrl}/api/v1/invitations/${links['justerare-1']}/decline`, { method: 'POST', headers: await sessionJsonHeaders(service.baseUrl, sara), body: JSON.stringify({ comment: 'Fel paragraf' }) });
    expect(declined.response.status).toBe(200);
    const receipt = () => sara.fetch(`${service.baseUrl}/invitation/${links['justerare-1']}/kvitto`, { headers: { accept: 'text/html' } }).then((r) => r.response.text());
    expect(await receipt()).not.toContain('väntar på din justering');
    expect((await api(service, 'POST', `/api/v1/extracts/${id}/revisions`)).status).toBe(201);
    expect((await api(service, 'POST', `/api/v1/extracts/${id}/send`)).status).toBe(200);
    expect(await receipt()).toContain('Utdraget har rättats: version 2 väntar på din justering');
  });
});
