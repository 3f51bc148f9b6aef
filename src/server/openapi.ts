/**
 * The OpenAPI 3.1 description of every HTTP route of the service. A test walks the express routes and
 * checks each one is described here (test/integration/server/openapi.test.ts).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const errorResponse = (description: string): Json => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (description: string, schema: Json = { type: 'object' }): Json => ({ description, content: { 'application/json': { schema } } });
const pdf = (description: string): Json => ({ description, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
const idParam: Json = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const tokenParam: Json = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'the invitation token from the link' };

const common = {
  '401': errorResponse('not authenticated (ERR_UNAUTHENTICATED)'),
  '403': errorResponse('authenticated but not allowed (ERR_FORBIDDEN: a missing scope)'),
  '404': errorResponse('no such extract (ERR_NOT_FOUND)'),
  '429': errorResponse('too many requests (ERR_RATE_LIMITED)'),
};

function op(summary: string, options: { tags: string[]; security?: Json; parameters?: Json[]; requestBody?: Json; responses: Record<string, Json> }): Json {
  return {
    summary,
    tags: options.tags,
    ...(options.security === undefined ? {} : { security: options.security }),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.requestBody ? { requestBody: options.requestBody } : {}),
    responses: options.responses,
  };
}

const secretary = (scope: string): Json => [{ apiKey: [scope] }, { session: [] }];
const signer: Json = [{ session: [] }];
const none: Json = [];

const extractJson: Json = { schema: { $ref: '#/components/schemas/ExtractInput' } };

/** The protocol upload (issue 16): the extract JSON, whose `sections` may be left out, the PDF, and the pages picked. */
const protocolUploadSchema: Json = {
  schema: {
    type: 'object',
    required: ['extract', 'protocol'],
    properties: {
      extract: { type: 'string', contentMediaType: 'application/json', description: 'the extract JSON (ExtractInput; `sections` may be left out, and are ignored: the text is the PDF\'s)' },
      protocol: { type: 'string', contentMediaType: 'application/pdf', format: 'binary', description: 'the protocol PDF, at most 16 MiB; not encrypted, not signed' },
      pages: {
        type: 'string',
        examples: ['3-4', '3-4, 6'],
        description: 'optional: the pages kept, for one § justerad on its own (omedelbar justering); the others go, the signature page follows. Pages of the protocol, 1-based, as a list of numbers and ranges. A revision keeps the same pages',
      },
    },
  },
  encoding: { extract: { contentType: 'application/json' }, protocol: { contentType: 'application/pdf' } },
};

/** The secretary's and the signer's HTML pages and their assets (docs/service.md, "Browser pages"). */
function browserPages(): Record<string, Json> {
  const html = (description: string): Json => ({ description, content: { 'text/html': {} } });
  const asset = (summary: string, type: string): Json => ({ get: op(summary, { tags: ['pages'], security: none, responses: { '200': { description: summary, content: { [type]: {} } } } }) });
  const page = (summary: string, parameters: Json[] = []): Json => op(summary, { tags: ['pages'], security: signer, parameters, responses: { '200': html('the page'), '303': { description: 'to the login' } } });
  const form = (summary: string, parameters: Json[] = [], type = 'application/x-www-form-urlencoded'): Json =>
    op(summary, { tags: ['pages'], security: signer, parameters, requestBody: { required: true, content: { [type]: { schema: { type: 'object', properties: { _csrf: { type: 'string' } } } } } }, responses: { '303': { description: 'to the next page' }, '400': html('the form again, with the problem'), '403': html('no valid CSRF token, foreign Origin, or another person') } });
  const versionParam: Json = { name: 'version', in: 'path', required: true, schema: { type: 'integer' } };
  const seqParam: Json = { name: 'seq', in: 'path', required: true, schema: { type: 'integer' } };
  const fieldParam: Json = { name: 'field', in: 'path', required: true, schema: { type: 'string', enum: ['ordforande', 'justerare-1', 'justerare-2'] } };
  return {
    '/assets/site.css': asset('Base style sheet of the pages', 'text/css'),
    '/assets/pages.css': asset('Style sheet of the secretary and signing pages', 'text/css'),
    '/assets/pdf-viewer.js': asset('The signing page\'s PDF viewer (ES module, uses pdf.js from /assets/pdfjs/)', 'text/javascript'),
    '/public/verifiera.js': asset('The in-browser verification of /verifiera (ES module: the verifier core with a WebCrypto provider; the file never leaves the visitor\'s computer)', 'text/javascript'),
    '/public/trust-anchors.json': asset('The trust anchors the in-browser verification uses (the service\'s own roots and the demonstration roots, DER in base64)', 'application/json'),
    '/favicon.svg': asset('The icon', 'image/svg+xml'),
    '/favicon.ico': asset('The icon (the same SVG, for clients that ask for this path)', 'image/svg+xml'),
    '/sekreterare': { get: page('The secretary\'s extracts with status, deadline and signatures; `q` searches matter, body, paragraph, case number and date, `state` filters', [
      { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } },
      { name: 'state', in: 'query', required: false, schema: { type: 'string' } },
    ]) },
    '/sekreterare/nytt': {
      get: page('New extract: JSON upload or form'),
      post: form('Create a draft from the uploaded JSON (field `upload`), with a protocol PDF made elsewhere (`protocol`, optional) and its pages picked (`pages`, e.g. "3-4", optional), or from the form fields; the same organ, date and § as another extract asks for `confirmDuplicate=ja` first', [], 'multipart/form-data'),
    },
    '/sekreterare/utdrag/{id}': { get: page('One extract: signers, declines, actions, downloads, events, mails', [idParam]) },
    '/sekreterare/utdrag/{id}/redigera': {
      get: page('The extract form filled in with the current version (a draft or a declined extract)', [idParam]),
      post: form('New version from the form fields (`_more` = statement|section|document shows one more row and saves nothing)', [idParam], 'multipart/form-data'),
    },
    '/sekreterare/utdrag/{id}/skicka': { post: form('Send for justering', [idParam]) },
    '/sekreterare/utdrag/{id}/paminn': { post: form('Remind the signers who have not signed', [idParam]) },
    '/sekreterare/utdrag/{id}/avbryt': { post: form('Cancel the extract', [idParam]) },
    '/sekreterare/utdrag/{id}/revidera': { post: form('New version after a decline (optional corrected JSON in `upload`)', [idParam], 'multipart/form-data') },
    '/sekreterare/utdrag/{id}/undertecknare': { post: form('New version with another ordförande or other justerare', [idParam]) },
    '/sekreterare/utdrag/{id}/undertecknare/{field}/ny-lank': { post: form('A new invitation link to one pending signer (the old link stops working)', [idParam, fieldParam]) },
    '/sekreterare/utdrag/{id}/undertecknare/{field}/epost': { post: form('Correct one pending signer\'s e-mail (field `email-<field>`); an invited signer gets a new link there', [idParam, fieldParam]) },
    '/sekreterare/utdrag/{id}/bevispaket.zip': { get: op('The evidence package of a justerad extract', { tags: ['pages'], security: signer, parameters: [idParam], responses: { '200': { description: 'the zip', content: { 'application/zip': {} } }, '409': html('not justerad yet') } }) },
    '/sekreterare/utdrag/{id}/verifieringsrapport.pdf': { get: op('The verification report of the justerad PDF, as a sealed PDF/A', { tags: ['pages'], security: signer, parameters: [idParam], responses: { '200': pdf('the report'), '409': html('not justerad yet') } }) },
    '/sekreterare/utdrag/{id}/pdf': { get: op('The current PDF', { tags: ['pages'], security: signer, parameters: [idParam], responses: { '200': pdf('the PDF') } }) },
    '/sekreterare/utdrag/{id}/pdf/justerad': { get: op('The justerad PDF', { tags: ['pages'], security: signer, parameters: [idParam], responses: { '200': pdf('the signed PDF'), '409': html('not justerad yet') } }) },
    '/sekreterare/utdrag/{id}/revision/{version}/{seq}': { get: op('One stored revision of the PDF', { tags: ['pages'], security: signer, parameters: [idParam, versionParam, seqParam], responses: { '200': pdf('the revision') } }) },
    '/sekreterare/utdrag/{id}/verifikat.json': { get: op('The audit trail (hash-chained events) as a download', { tags: ['pages'], security: signer, parameters: [idParam], responses: { '200': json('the events') } }) },
    '/sekreterare/utkorg': { get: page('The mail outbox of the default configuration') },
    '/invitation/{token}/pdf': { get: op('The PDF to be signed (the invited person only)', { tags: ['pages'], security: signer, parameters: [tokenParam], responses: { '200': pdf('the PDF') } }) },
    '/invitation/{token}/signera': { post: form('Justera och signera (field `confirm` = "ja")', [tokenParam]) },
    '/invitation/{token}/avboj': { post: form('Avböj with a comment (field `comment`)', [tokenParam]) },
    '/invitation/{token}/justerad.pdf': { get: op('The justerad PDF, for a signer who signed it (the link of the result mail; works after the link expired)', { tags: ['pages'], security: signer, parameters: [tokenParam], responses: { '200': pdf('the signed PDF'), '409': html('not justerad yet') } }) },
    '/invitation/{token}/kvitto': { get: page('The receipt: verification code and the way to /verifiera/{code}', [tokenParam]) },
  };
}

export function openApiDocument(publicBaseUrl: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Justera',
      version: '1',
      description:
        'Justering of Swedish municipal protocol extracts: the secretary sends an extract out, each signer logs in (OpenID Connect) through a personal invitation link and signs (PAdES), every step lands in a hash-chained audit trail. The demo OpenID provider (quick start only) also answers the standard OpenID Connect endpoints under /demo-idp (see /demo-idp/.well-known/openid-configuration). Errors are `{ "error": { "code", "message", "field"? } }`.',
    },
    servers: [{ url: publicBaseUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'jk_…', description: 'API key of a system; scopes extracts:read, extracts:write, audit:read, admin' },
        session: { type: 'apiKey', in: 'cookie', name: 'justera_session', description: 'login session (OpenID Connect); secretaries need the role claim "secretary". A write made with it must be application/json (415 ERR_INPUT_MEDIA_TYPE) and send the session CSRF token (csrfToken of GET /auth/me) in X-CSRF-Token (403 ERR_FORBIDDEN)' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', description: 'one of the codes of docs/errors.md, each with one meaning' }, message: { type: 'string' }, field: { type: 'string' } } } },
        },
        ExtractInput: { type: 'object', description: 'the extract JSON (see examples/extract-ha-2023-418-p12.json and src/domain/extract.ts)' },
        Extract: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            state: { enum: ['draft', 'out_for_justering', 'justerad', 'anslag_published', 'anslag_taken_down', 'declined', 'cancelled'] },
            version: { type: 'integer' },
            deadline: { type: 'string', format: 'date' },
            signers: { type: 'array', items: { type: 'object' } },
            protocol: {
              type: 'object',
              description: 'Only for an extract made from an uploaded protocol PDF: the pages picked (absent: all) and what the assembly did',
              properties: {
                pages: { type: 'array', items: { type: 'integer' } },
                conversion: {
                  type: 'object',
                  properties: {
                    keptPages: { type: 'integer' },
                    declaredPdfA: { type: 'string', description: 'the PDF/A the protocol declared, e.g. PDF/A-1b' },
                    pdfaLevel: { enum: ['A', 'B'], description: 'the result is PDF/A-2 at this level; absent: not PDF/A (notPdfAReasons)' },
                    notPdfAReasons: { type: 'array', items: { type: 'string' } },
                    tagged: { type: 'boolean' },
                    pdfua: { type: 'boolean' },
                    notTaggedReason: { type: 'string' },
                    scriptsRemoved: { type: 'integer' },
                    filesRemoved: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      '/healthz': { get: op('Liveness', { tags: ['operations'], security: none, responses: { '200': json('the process runs') } }) },
      '/readyz': { get: op('Readiness (database reachable, not shutting down)', { tags: ['operations'], security: none, responses: { '200': json('ready'), '503': json('not ready') } }) },
      '/metrics': { get: op('Prometheus metrics', { tags: ['operations'], security: none, responses: { '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } }) },
      '/api/openapi.json': { get: op('This document', { tags: ['operations'], security: none, responses: { '200': json('OpenAPI 3.1') } }) },
      '/tsa': {
        post: op('RFC 3161 time-stamping (built-in TSA)', {
          tags: ['pki'],
          security: none,
          requestBody: { required: true, content: { 'application/timestamp-query': { schema: { type: 'string', format: 'binary' } } } },
          responses: { '200': { description: 'TimeStampResp', content: { 'application/timestamp-reply': { schema: { type: 'string', format: 'binary' } } } }, '400': errorResponse('not a TimeStampReq') },
        }),
      },
      '/pki/root-ca.crl': { get: op('CRL of the root CA', { tags: ['pki'], security: none, responses: { '200': { description: 'DER CRL', content: { 'application/pkix-crl': {} } } } }) },
      '/pki/signing-ca.crl': { get: op('CRL of the signing CA', { tags: ['pki'], security: none, responses: { '200': { description: 'DER CRL', content: { 'application/pkix-crl': {} } } } }) },
      '/pki/root-ca.crt': { get: op('Root CA certificate', { tags: ['pki'], security: none, responses: { '200': { description: 'DER certificate', content: { 'application/pkix-cert': {} } } } }) },
      '/pki/signing-ca.crt': { get: op('Signing CA certificate', { tags: ['pki'], security: none, responses: { '200': { description: 'DER certificate', content: { 'application/pkix-cert': {} } } } }) },
      '/pki/root-ca.pem': { get: op('Root CA certificate (PEM)', { tags: ['pki'], security: none, responses: { '200': { description: 'PEM', content: { 'application/x-pem-file': {} } } } }) },
      '/auth/login': {
        get: op('Start an OpenID Connect login (authorization code + PKCE), then come back to returnTo', {
          tags: ['login'],
          security: none,
          parameters: [{ name: 'returnTo', in: 'query', schema: { type: 'string' }, description: 'a local path' }],
          responses: { '303': { description: 'to the OpenID provider' }, '400': errorResponse('returnTo is not a local path') },
        }),
      },
      '/auth/callback': { get: op('The OpenID provider returns here; sets the session cookie', { tags: ['login'], security: none, responses: { '303': { description: 'to returnTo' }, '401': errorResponse('the login failed') } }) },
      '/auth/logout': { post: op('End the session', { tags: ['login'], security: signer, responses: { '303': { description: 'logged out' }, '204': { description: 'logged out' } } }) },
      '/auth/me': { get: op('The logged-in person', { tags: ['login'], security: signer, responses: { '200': json('the person (no personnummer) and csrfToken, the session CSRF token for X-CSRF-Token'), '401': common['401'] } }) },
      '/demo-idp/assets/demo.css': { get: op('DEMO provider: style sheet', { tags: ['demo'], security: none, responses: { '200': { description: 'CSS', content: { 'text/css': {} } } } }) },
      '/demo-idp/interaction/{uid}': { get: op('DEMO provider: choose a fictitious test person', { tags: ['demo'], security: none, parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'the chooser page', content: { 'text/html': {} } } } }) },
      '/demo-idp/interaction/{uid}/login': { post: op('DEMO provider: log the chosen person in', { tags: ['demo'], security: none, parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { person: { type: 'string' } } } } } }, responses: { '303': { description: 'back to the relying party' } } }) },
      '/demo-idp/interaction/{uid}/abort': { post: op('DEMO provider: cancel the login', { tags: ['demo'], security: none, parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'string' } }], responses: { '303': { description: 'back to the relying party with an error' } } }) },
      // The public side (issue 7): no login; its own body limit (50 MB) and rate limit.
      '/': { get: op('The start page: what Justera is, the way to the anslagstavla, the check and the secretary\'s pages; with the demo login, how to try it', { tags: ['public'], security: none, responses: { '200': { description: 'the page', content: { 'text/html': {} } } } }) },
      '/anslagstavla': { get: op('The digital anslagstavla: current anslag', { tags: ['public'], security: none, responses: { '200': { description: 'the page', content: { 'text/html': {} } } } }) },
      '/anslagstavla.atom': { get: op('Atom feed of anslag', { tags: ['public'], security: none, responses: { '200': { description: 'Atom', content: { 'application/atom+xml': {} } } } }) },
      '/anslagstavla/arkiv': { get: op('Searchable archive of anslag', { tags: ['public'], security: none, parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'the archive', content: { 'text/html': {} } } } }) },
      '/anslag/{id}': { get: op('One anslag with a fresh authenticity check of its signed PDF', { tags: ['public'], security: none, parameters: [idParam], responses: { '200': { description: 'the anslag', content: { 'text/html': {} } }, '404': errorResponse('no such anslag') } }) },
      '/anslag/{id}.pdf': { get: op('The signed extract of an anslag (404 when SIGNER_CERTIFICATE_ID=personnummer: the certificates then carry personnummer, and the public side serves the sealed notice and the verification by code instead)', { tags: ['public'], security: none, parameters: [idParam], responses: { '200': pdf('the signed PDF'), '404': errorResponse('no such anslag') } }) },
      '/anslag/{id}/anslag.pdf': { get: op('The anslag itself as a sealed PDF/A', { tags: ['public'], security: none, parameters: [idParam], responses: { '200': pdf('the sealed notice'), '404': errorResponse('no such anslag') } }) },
      '/verifiera': {
        get: op('Kontrollera en handling: the code and upload forms; `?kod=` (as typed: any case, spaces, no hyphen) redirects to /verifiera/{code}', { tags: ['public'], security: none, parameters: [{ name: 'kod', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'the form', content: { 'text/html': {} } }, '303': { description: 'to /verifiera/{code} with the code as printed' }, '400': { description: 'an empty code, said at its field', content: { 'text/html': {} } } } }),
        post: op('Check an uploaded PDF (multipart form field `file`, at most 50 MB)', { tags: ['public'], security: none, requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } }, responses: { '200': { description: 'the answer in plain Swedish', content: { 'text/html': {} } }, '400': { description: 'not a PDF', content: { 'text/html': {} } }, '413': { description: 'larger than 50 MB', content: { 'text/html': {} } }, '429': { description: 'too many uploads', content: { 'text/html': {} } } } }),
      },
      '/verifiera/{code}': { get: op('The document with this verification code (the QR code in every PDF leads here)', { tags: ['public'], security: none, parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'the document and its authenticity, or, not yet justerat, what is known of it and who has signed', content: { 'text/html': {} } }, '404': { description: 'no document with this code', content: { 'text/html': {} } } } }) },
      '/tillganglighet': { get: op('Accessibility statement (tillgänglighetsredogörelse)', { tags: ['public'], security: none, responses: { '200': { description: 'the statement', content: { 'text/html': {} } } } }) },
      '/public/public.css': { get: op('Style sheet of the public pages', { tags: ['public'], security: none, responses: { '200': { description: 'CSS', content: { 'text/css': {} } } } }) },
      '/api/v1/verify': {
        post: op('Verify a PDF: the verifier\'s JSON report, or with format=etsi the ETSI TS 119 102-2 validation report in XML (never a personnummer)', {
          tags: ['public'],
          security: none,
          parameters: [{ name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'etsi'], default: 'json' }, description: 'etsi: XML in the namespace http://uri.etsi.org/19102/v1.2.1#, valid against the schema of ETSI TS 119 102-2' }],
          requestBody: { required: true, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '200': { description: 'the verification report; in JSON, `demonstration` ({ keys: true, sv, en }) when a signature was made with the demonstration keys (keys-example)', content: { 'application/json': { schema: { type: 'object' } }, 'application/xml': { schema: { type: 'string' } } } },
            '400': errorResponse('ERR_INPUT_INVALID: an unknown format'),
            '415': errorResponse('not a PDF'),
            '413': errorResponse('larger than 50 MB'),
            '429': common['429'],
            '503': errorResponse('ERR_SHUTTING_DOWN: the service is stopping; try again'),
          },
        }),
      },
      '/api/v1/anslag': { get: op('Current anslag as JSON', { tags: ['public'], security: none, responses: { '200': json('anslag') } }) },
      '/api/v1/anslag/{id}': { get: op('One anslag as JSON (links.signedPdf is null when the signed PDF is not published: SIGNER_CERTIFICATE_ID=personnummer)', { tags: ['public'], security: none, parameters: [idParam], responses: { '200': json('the anslag'), '404': errorResponse('no such anslag') } }) },
      // The browser pages (issue 6): HTML for people, every form with the CSRF token `_csrf` (src/server/pages).
      ...browserPages(),
      '/invitation/{token}': {
        get: op('Open an invitation link: records "link opened"; a browser is sent to the login, then sees what is to be signed', {
          tags: ['signing'],
          security: none,
          parameters: [tokenParam],
          responses: {
            '200': json('what is to be signed (logged in as the invited person)'),
            '303': { description: 'to the login (browsers)' },
            '401': json('not logged in: the body names loginUrl'),
            '400': errorResponse('ERR_INVITATION_INVALID: altered or foreign token'),
            '403': errorResponse('ERR_WRONG_PERSON'),
            '409': errorResponse('ERR_INVITATION_USED'),
            '410': errorResponse('ERR_INVITATION_EXPIRED'),
          },
        }),
      },
      '/api/v1/invitations/{token}': {
        get: op('What the invitation asks the logged-in person to sign', { tags: ['signing'], security: signer, parameters: [tokenParam], responses: { '200': json('the invitation'), '401': common['401'], '403': errorResponse('ERR_WRONG_PERSON'), '409': errorResponse('ERR_INVITATION_USED'), '410': errorResponse('ERR_INVITATION_EXPIRED') } }),
      },
      '/api/v1/invitations/{token}/sign': {
        post: op('Sign the invited field as the logged-in person (PAdES; the acr goes into the certificate)', {
          tags: ['signing'],
          security: signer,
          parameters: [tokenParam],
          responses: {
            '200': json('signed: the new revision and the extract state'),
            '400': errorResponse('ERR_INVITATION_INVALID'),
            '401': common['401'],
            '403': errorResponse('ERR_WRONG_PERSON: logged in as another person'),
            '409': errorResponse('ERR_INVITATION_USED (already signed or declined, or an older version) or ERR_WRONG_STATE (the extract was declined or cancelled)'),
            '410': errorResponse('ERR_INVITATION_EXPIRED'),
            '503': errorResponse('ERR_SHUTTING_DOWN: the service is stopping; try again'),
          },
        }),
      },
      '/api/v1/invitations/{token}/decline': {
        post: op('Decline with a comment: the extract goes back to the secretary', {
          tags: ['signing'],
          security: signer,
          parameters: [tokenParam],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['comment'], properties: { comment: { type: 'string', maxLength: 5000 } } } } } },
          responses: { '200': json('declined'), '400': errorResponse('no comment, or ERR_INVITATION_INVALID'), '401': common['401'], '403': errorResponse('ERR_WRONG_PERSON'), '409': errorResponse('ERR_INVITATION_USED or ERR_WRONG_STATE'), '410': errorResponse('ERR_INVITATION_EXPIRED') },
        }),
      },
      '/api/v1/extracts': {
        post: op('Create an extract from its JSON: validated, assembled to PDF/A and sealed; state draft. Or, as multipart/form-data, from a protocol PDF made elsewhere: its pages are kept and our signature page is added (as `justera assemble --from-pdf`)', {
          tags: ['extracts'],
          security: secretary('extracts:write'),
          requestBody: { required: true, content: { 'application/json': extractJson, 'multipart/form-data': protocolUploadSchema } },
          responses: {
            '201': json('created', { $ref: '#/components/schemas/Extract' }),
            '400': errorResponse('invalid extract: `field` names the path; a missing part (`field`: extract or protocol); a `pages` list that is no list or names a page the protocol does not have (`field`: pages); nothing is stored'),
            '413': errorResponse('body too large, or ERR_INPUT_TOO_LARGE: the protocol PDF over 16 MiB'),
            '415': errorResponse('ERR_INPUT_NOT_PDF: the protocol part is not a PDF'),
            '422': errorResponse('ERR_PDF_ENCRYPTED, ERR_PDF_ALREADY_SIGNED, ERR_PDF_ACTIVE_CONTENT, ERR_PDF_MALFORMED: the protocol PDF is refused; nothing is stored'),
            ...common,
          },
        }),
        get: op('List extracts, newest first', {
          tags: ['extracts'],
          security: secretary('extracts:read'),
          parameters: [
            { name: 'state', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          ],
          responses: { '200': json('the extracts'), ...common },
        }),
      },
      '/api/v1/extracts/{id}': { get: op('One extract with its signers', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [idParam], responses: { '200': json('the extract', { $ref: '#/components/schemas/Extract' }), ...common } }) },
      '/api/v1/extracts/{id}/status': { get: op('State, deadline and each signer', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [idParam], responses: { '200': json('status'), ...common } }) },
      '/api/v1/extracts/{id}/send': { post: op('Send for justering: invitations to the signers', { tags: ['extracts'], security: secretary('extracts:write'), parameters: [idParam], responses: { '200': json('sent'), '409': errorResponse('ERR_WRONG_STATE'), ...common } }) },
      '/api/v1/extracts/{id}/revisions': {
        post: op('Revise after a decline: a new document version (the body may carry new extract JSON)', { tags: ['extracts'], security: secretary('extracts:write'), parameters: [idParam], requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/ExtractInput' } } } }, responses: { '201': json('new version, state draft'), '400': errorResponse('invalid extract'), '409': errorResponse('ERR_WRONG_STATE'), ...common } }),
        get: op('Every stored PDF revision (content-addressed by SHA-256)', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [idParam], responses: { '200': json('revisions'), ...common } }),
      },
      '/api/v1/extracts/{id}/cancel': { post: op('Cancel the extract', { tags: ['extracts'], security: secretary('extracts:write'), parameters: [idParam], responses: { '200': json('cancelled'), '409': errorResponse('ERR_WRONG_STATE'), ...common } }) },
      '/api/v1/extracts/{id}/remind': { post: op('Remind every signer who has not signed', { tags: ['extracts'], security: secretary('extracts:write'), parameters: [idParam], responses: { '200': json('how many were reminded'), ...common } }) },
      '/api/v1/extracts/{id}/pdf': { get: op('The current PDF (newest revision)', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [idParam], responses: { '200': pdf('the PDF'), ...common } }) },
      '/api/v1/extracts/{id}/pdf/final': { get: op('The justerad PDF', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [idParam], responses: { '200': pdf('the signed PDF'), '409': errorResponse('not justerad yet'), ...common } }) },
      '/api/v1/extracts/{id}/audit': { get: op('The audit trail (hash chain) as JSON', { tags: ['extracts'], security: secretary('audit:read'), parameters: [idParam], responses: { '200': json('events with prevHash and hash'), ...common } }) },
      '/api/v1/extracts/{id}/evidence.zip': { get: op('The archivist\'s evidence package: final PDF, every revision, anslag, audit trail, verification report (JSON and sealed PDF/A), certificates and CRLs', { tags: ['extracts'], security: secretary('audit:read'), parameters: [idParam], responses: { '200': { description: 'a zip', content: { 'application/zip': {} } }, '409': errorResponse('not justerad yet'), ...common } }) },
      '/api/v1/extracts/{id}/verification.json': { get: op('The verifier\'s report on the justerad PDF (full, for archivists)', { tags: ['extracts'], security: secretary('audit:read'), parameters: [idParam], responses: { '200': json('the verification report'), '409': errorResponse('not justerad yet'), ...common } }) },
      '/api/v1/extracts/{id}/verification.pdf': { get: op('The verification report as a sealed PDF/A', { tags: ['extracts'], security: secretary('audit:read'), parameters: [idParam], responses: { '200': pdf('the report'), '409': errorResponse('not justerad yet'), ...common } }) },
      '/api/v1/outbox': { get: op('Mails in the outbox (default configuration: mail is read here)', { tags: ['extracts'], security: secretary('extracts:read'), parameters: [{ name: 'extractId', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { '200': json('mails'), ...common } }) },
      '/api/v1/api-keys': {
        post: op('Create an API key (shown once)', { tags: ['admin'], security: secretary('admin'), requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name', 'scopes'], properties: { name: { type: 'string' }, scopes: { type: 'array', items: { enum: ['extracts:read', 'extracts:write', 'audit:read', 'admin'] } } } } } } }, responses: { '201': json('the key'), '400': errorResponse('bad name or scope'), ...common } }),
        get: op('List API keys (never the keys)', { tags: ['admin'], security: secretary('admin'), responses: { '200': json('keys'), ...common } }),
      },
      '/api/v1/api-keys/{id}': { delete: op('Revoke an API key', { tags: ['admin'], security: secretary('admin'), parameters: [idParam], responses: { '204': { description: 'revoked' }, ...common } }) },
    },
  };
}
