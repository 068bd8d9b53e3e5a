import Ajv from 'ajv';
import { costsService } from '@quotient/costs-api';
import { customersService } from '@quotient/customers-api';
import { dealsService } from '@quotient/deals-api';
import { trainingService } from '@quotient/training-api';
import { systemHarness } from '@quotient/testing/service';

type Doc = Record<string, any>;

const Q = '2026-Q2';
const COMMAND_SERVICES = ['deals', 'customers', 'costs', 'training'];

const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (...parts: string[]) => `#/${parts.map(escape).join('/')}`;
/** What a local reference (`#/…`) names in a document. */
const at = (doc: Doc, ref: string): any =>
  ref
    .slice(2)
    .split('/')
    .reduce((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
const deref = (doc: Doc, node: any) => (node?.$ref ? at(doc, node.$ref) : node);

const operations = (doc: Doc) =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
const parametersOf = (doc: Doc, op: any): Array<{ name: string; in: string; required?: boolean }> => (op.parameters ?? []).map((p: unknown) => deref(doc, p));
const refsOf = (op: any): string[] => (op.parameters ?? []).map((p: { $ref?: string }) => p.$ref).filter(Boolean);

/** OpenAPI 3.0 schemas in the JSON Schema (draft-07) that ajv checks: `nullable`, boolean exclusive bounds. */
const toJsonSchema = (node: any): any => {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node;
  const out = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (out[bound] === true) {
      out[bound] = out[limit];
      delete out[limit];
    } else if (out[bound] === false) delete out[bound];
  }
  if (nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (nullable === true && Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return out;
};

/** The document as one JSON Schema resource, its schemas compiled by pointer. */
const schemasOf = (doc: Doc) => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const resource = toJsonSchema(doc);
  ajv.addSchema(resource, 'openapi.json');
  return {
    ajv,
    resource,
    compile: (ref: string) => ajv.compile({ $ref: `openapi.json${ref}` }),
  };
};

/** Every `schema` of a document (parameters, bodies, responses, headers) and every component schema. */
const schemaPointers = (doc: Doc): string[] => {
  const found: string[] = Object.keys(doc.components?.schemas ?? {}).map((name) => pointer('components', 'schemas', name));
  const walk = (node: any, parts: string[]) => {
    if (node === null || typeof node !== 'object' || (parts[0] === 'components' && parts[1] === 'schemas')) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') found.push(pointer(...parts, key));
      else walk(value, [...parts, key]);
    }
  };
  walk(doc, []);
  return found;
};

describe('OpenAPI documents of every service (GET /docs/openapi.json)', () => {
  const system = systemHarness({ deals: dealsService, customers: customersService, costs: costsService, training: trainingService });
  const docs: Record<string, Doc> = {};
  const deals = () => system.service('deals');
  const projection = () => system.projection;

  beforeAll(async () => {
    await system.setup();
    await deals().post('/targets', { scope: 'team:north', period: Q, measure: 'revenue', value: 100000 });
    const deal = (dealId: string) => ({
      dealId,
      customerId: 'c1',
      ownerRepId: 'ann',
      teamId: 'north',
      region: 'east',
      channel: 'direct',
      segment: 'smb',
      amount: 30000,
      stage: 'proposal',
      expectedCloseDate: '2026-06-30',
      occurredAt: '2026-04-02T09:00:00Z',
    });
    await deals().post('/deals', deal('d1'));
    await deals().post('/deals', deal('d2'));
    await deals().post('/deals/d1/win', { occurredAt: '2026-04-20T10:00:00Z' });
    await system.service('training').post('/reps', { repId: 'ann', name: 'Ann', teamId: 'north', occurredAt: '2026-04-01T09:00:00Z' });
    await system.settle();
    for (const name of COMMAND_SERVICES) docs[name] = (await system.service(name).get('/docs/openapi.json')).body;
    docs.projection = (await projection().get('/docs/openapi.json')).body;
  }, 60_000);
  afterAll(() => system.teardown());

  it('documents the Idempotency-Key, X-Actor and X-Causation-Id headers, 415 and 422 on every command', async () => {
    for (const name of COMMAND_SERVICES) {
      const doc = docs[name];
      expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
      expect(doc.components.parameters.Actor).toMatchObject({ name: 'X-Actor', in: 'header', description: expect.stringContaining('envelope') });
      const commands = operations(doc).filter((o) => o.method === 'post');
      expect(commands.length).toBeGreaterThan(3);
      for (const { path, op } of commands) {
        expect([path, refsOf(op)]).toEqual([path, expect.arrayContaining(['#/components/parameters/IdempotencyKey', '#/components/parameters/Actor', '#/components/parameters/CausationId'])]);
        expect([path, Object.keys(op.responses)]).toEqual([path, expect.arrayContaining(['400', '409', '415', '422'])]);
        expect(op.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    const win = docs.deals.paths['/deals/{id}/win'].post;
    expect(win.responses['422'].description).toContain('idempotency-key-reused');
    expect(win.responses['415'].description).toContain('unsupported-media-type');
    // The projection's rebuild is no command: it takes no body and no Idempotency-Key.
    const rebuild = docs.projection.paths['/projection/rebuild'].post;
    expect(refsOf(rebuild)).toEqual(['#/components/parameters/CorrelationId']);
    expect(Object.keys(rebuild.responses).sort()).toEqual(['202', '409']);

    // And the services answer as documented.
    const { compile } = schemasOf(docs.deals);
    const problem = compile('#/components/schemas/Problem');
    const key = { 'Idempotency-Key': 'openapi-e2e-1' };
    expect((await deals().post('/deals/d2/activities', { kind: 'call' }, key)).status).toBe(200);
    const reused = await deals().post('/deals/d2/activities', { kind: 'demo' }, key);
    expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
    expect(problem(reused.body) ? [] : problem.errors).toEqual([]);
    const asText = await deals().call('POST', '/deals/d2/activities', '{"kind":"call"}', { 'content-type': 'text/plain' });
    expect(asText).toMatchObject({ status: 415, body: { code: 'unsupported-media-type' } });
    expect(problem(asText.body) ? [] : problem.errors).toEqual([]);
  });

  it('lists 400 only on routes that take input (a query, a body or a checked path id)', () => {
    for (const [name, doc] of Object.entries(docs)) {
      for (const { path, method, op } of operations(doc)) {
        const takesInput = op.requestBody !== undefined || parametersOf(doc, op).some((p) => p.in === 'query' || (p.in === 'path' && p.name !== 'streamId'));
        expect([name, method, path, '400' in op.responses]).toEqual([name, method, path, takesInput]);
      }
    }
    for (const path of ['/health', '/catalogue', '/settings', '/projection/status']) expect(docs.projection.paths[path].get.responses['400']).toBeUndefined();
    expect(docs.deals.paths['/health'].get.responses['400']).toBeUndefined();
    expect(docs.deals.paths['/streams/{streamId}/events'].get.responses['400']).toBeUndefined();
    expect(docs.deals.paths['/deals/{id}'].get.responses['400']).toBeDefined();
    expect(docs.projection.paths['/projection/rebuild'].post.responses).not.toHaveProperty('400');
  });

  it('documents X-Correlation-Id on every operation and every response, and X-Actor as the envelope records it', async () => {
    for (const [name, doc] of Object.entries(docs)) {
      expect(doc.components.parameters.CorrelationId).toMatchObject({ name: 'X-Correlation-Id', in: 'header', required: false });
      for (const { path, method, op } of operations(doc)) {
        expect([name, method, path, refsOf(op)]).toEqual([name, method, path, expect.arrayContaining(['#/components/parameters/CorrelationId'])]);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          expect([name, method, path, status, response.headers]).toEqual([name, method, path, status, { 'X-Correlation-Id': { $ref: '#/components/headers/CorrelationId' } }]);
        }
      }
    }
    const chosen = await projection().get('/settings', { 'X-Correlation-Id': 'openapi-e2e-correlation' });
    expect(chosen.headers.get('x-correlation-id')).toBe('openapi-e2e-correlation');
    expect((await projection().get('/metrics/no_such_metric')).headers.get('x-correlation-id')).toEqual(expect.any(String));
    await deals().post('/deals/d2/activities', { kind: 'visit' }, { 'X-Actor': 'alice', 'X-Correlation-Id': 'openapi-e2e-actor' });
    const trail = (await deals().get('/streams/deals.deal-d2/events')).body.events;
    expect(trail[trail.length - 1]).toMatchObject({ actor: 'alice', correlationId: 'openapi-e2e-actor' });
  });

  it('documents the metric views, and the projection answers as documented', async () => {
    const doc = docs.projection;
    const json = (path: string, method = 'get', status = '200') => doc.paths[path][method].responses[status].content['application/json'].schema;
    const list = json('/metrics');
    expect(list.type).toBe('array');
    const view = deref(doc, list.items);
    expect(view.required).toEqual(expect.arrayContaining(['metric', 'name', 'value', 'inputs', 'position', 'source', 'updatedAt', 'previousPeriod', 'previousPeriodValue', 'delta']));
    expect(view.properties.delta).toMatchObject({ type: 'number', nullable: true });
    expect(view.properties.source).toMatchObject({ type: 'string', nullable: true });
    expect(deref(doc, json('/catalogue').items).required).toEqual(expect.arrayContaining(['id', 'zh', 'en', 'unit', 'direction', 'scopes', 'formula']));
    expect(json('/settings').required).toEqual(expect.arrayContaining(['baseCurrency', 'grossMargin', 'scoreWeights']));
    expect(json('/projection/rebuild', 'post', '202').required).toEqual(['version', 'started', 'message']);
    expect(doc.paths['/projection/rebuild'].post.responses['409'].content['application/problem+json']).toBeDefined();

    const { compile } = schemasOf(doc);
    const answers = async (path: string, url = path, method = 'get', status = '200') => {
      const answer = method === 'get' ? await projection().get(url) : await projection().post(url);
      expect([url, answer.status]).toEqual([url, Number(status)]);
      const valid = compile(pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema'));
      expect([url, valid(answer.body) ? [] : valid.errors]).toEqual([url, []]);
      return answer.body;
    };
    const views = await answers('/metrics', `/metrics?period=${Q}`);
    expect(views.length).toBeGreaterThan(20);
    // Every member a view has is documented.
    for (const v of views) expect(Object.keys(v).sort()).toEqual(Object.keys(view.properties).sort());
    expect(views.some((v: { source: string | null }) => v.source === 'deals')).toBe(true);
    await answers('/metrics/{metric}', `/metrics/target_attainment?scope=team:north&period=${Q}`);
    await answers('/metrics/{metric}', `/metrics/win_rate?period=${Q}&asOf=2026-01-01T00:00:00Z`);
    const history = await answers('/metrics/{metric}/history', `/metrics/target_attainment/history?scope=team:north&period=${Q}`);
    expect(history.changes[0]).toMatchObject({ seq: expect.any(Number), causedBy: { streamId: 'deals.deal-d1' } });
    const catalogue = await answers('/catalogue');
    const entry = deref(doc, json('/catalogue').items);
    for (const e of catalogue) expect(Object.keys(e).filter((k) => !(k in entry.properties))).toEqual([]);
    await answers('/settings');
    await answers('/scorecards', `/scorecards?period=${Q}&level=rep`);
    await answers('/pipeline', `/pipeline?period=${Q}&scope=team:north`);
    await answers('/teams', `/teams?period=${Q}`);
    await answers('/health');
    await answers('/projection/status');
    expect(await answers('/projection/rebuild', '/projection/rebuild', 'post', '202')).toMatchObject({ version: 2, started: true });
    await answers('/projection/status');
    const deadline = Date.now() + 20_000;
    while ((await projection().get('/projection/status')).body.version !== 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await answers('/projection/status');
  }, 30_000);

  it('documents /metrics/changes as a text/event-stream of MetricChanged, resumable, with its problems', async () => {
    const doc = docs.projection;
    const op = doc.paths['/metrics/changes'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/event-stream']);
    expect(op.responses['200'].content['text/event-stream'].schema.description).toMatch(/`id`.*seq.*`event: MetricChanged`.*`data`/);
    expect(parametersOf(doc, op)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Last-Event-ID', in: 'header' }), expect.objectContaining({ name: 'lastEventId', in: 'query' })]),
    );
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '404']);
    expect(doc.components.schemas.MetricChanged.required).toEqual(expect.arrayContaining(['metric', 'value', 'previousValue', 'causedBy', 'position']));

    // The stream is what the document says: SSE events whose data is a MetricChanged.
    const controller = new AbortController();
    const response = await fetch(`${system.projectionUrl}/metrics/changes?metric=target_attainment&lastEventId=0`, { signal: controller.signal });
    try {
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-correlation-id')).toEqual(expect.any(String));
      const reader = response.body!.getReader();
      let text = '';
      while (!/\nevent: MetricChanged\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      const [, id, data] = /id: (\d+)\nevent: MetricChanged\ndata: (.*)\n\n/.exec(text)!;
      const valid = schemasOf(doc).compile('#/components/schemas/MetricChanged');
      expect(valid(JSON.parse(data)) ? [] : valid.errors).toEqual([]);
      expect(Number(id)).toBeGreaterThan(0);
    } finally {
      controller.abort();
    }
  });

  it('is a structurally sound OpenAPI 3.0 document, for every service', () => {
    for (const [name, doc] of Object.entries(docs)) {
      expect(doc).toMatchObject({ openapi: '3.0.3', info: { title: expect.stringContaining(name), version: expect.any(String) } });
      const refs = new Set([...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]));
      for (const ref of refs) expect([name, ref, at(doc, ref) !== undefined]).toEqual([name, ref, true]);
      for (const { path, method, op } of operations(doc)) {
        const where = `${name}: ${method} ${path}`;
        expect([where, ['get', 'post'].includes(method), typeof op.summary, op.tags]).toEqual([where, true, 'string', [expect.any(String)]]);
        const parameters = parametersOf(doc, op);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], true]);
        expect([where, parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.required])]).toEqual([where, templated]);
        const keys = parameters.map((p) => `${p.in}:${p.name.toLowerCase()}`);
        expect([where, keys.length]).toEqual([where, new Set(keys).size]);
        expect([where, Object.keys(op.responses).length > 0]).toEqual([where, true]);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          expect([where, status, typeof response.description]).toEqual([where, expect.stringMatching(/^[1-5]\d\d$/), 'string']);
          if (Number(status) >= 400) expect([where, status, Object.keys(response.content)]).toEqual([where, status, ['application/problem+json']]);
        }
      }
      // Every schema is a valid JSON Schema once the OpenAPI 3.0 dialect is translated, and compiles (its references resolve).
      const { ajv, resource, compile } = schemasOf(doc);
      for (const ref of schemaPointers(doc)) {
        expect([name, ref, ajv.validateSchema(at(resource, ref)) ? null : ajv.errors]).toEqual([name, ref, null]);
        expect(() => compile(ref)).not.toThrow();
      }
    }
  });
});
