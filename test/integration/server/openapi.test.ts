/** /api/openapi.json is OpenAPI 3.1 and describes every route the express app answers, with its method. */
import { api, startTestService, type TestService } from './harness';
import { standInEngines } from './stand-in-engines';
import { expressRoutes } from './express-routes';

describe('OpenAPI document', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ dialect: 'sqlite', engines: standInEngines, publicSide: true });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('describes every express route', async () => {
    const res = await fetch(`${service.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const routes = expressRoutes(service.built.app);
    expect(routes.length).toBeGreaterThan(20);
    const undescribed = routes
      .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)/g, '{$1}') }))
      .filter((r) => doc.paths[r.path]?.[r.method] === undefined)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(undescribed).toEqual([]);
  });

  it('describes no route that does not exist', async () => {
    const doc = (await (await fetch(`${service.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = new Set(expressRoutes(service.built.app).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const ghosts = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)).filter((key) => !routes.has(key));
    expect(ghosts).toEqual([]);
  });

  it('documents the protocol upload of POST /api/v1/extracts (multipart: extract JSON and protocol PDF)', async () => {
    const doc = (await (await fetch(`${service.baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    const multipart = doc.paths['/api/v1/extracts']!.post.requestBody.content['multipart/form-data'];
    expect(multipart.schema.required).toEqual(['extract', 'protocol']);
    expect(multipart.encoding).toEqual({ extract: { contentType: 'application/json' }, protocol: { contentType: 'application/pdf' } });
    expect(Object.keys(doc.paths['/api/v1/extracts']!.post.responses)).toEqual(expect.arrayContaining(['201', '413', '415', '422']));
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${service.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${service.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'ok' });
    await api(service, 'GET', '/api/v1/extracts');
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toContain('justera_http_requests_total{method="GET",route="/api/v1/extracts",status="200"}');
  });
});
