import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export interface RouteDoc {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  /** Request headers the route reads beside the ones every route or command takes. */
  readonly headers?: z.ZodObject;
  readonly status?: number;
  readonly response?: z.ZodType;
  /** The success answer's media type when it is not JSON (an event stream). */
  readonly mediaType?: string;
  /** Problems of this route, status → when: they add to (or reword) the ones its shape implies. */
  readonly problems?: Readonly<Record<number, string>>;
  /** The path parameters are looked up as given, never validated: a bad one is a 404, not a 400. */
  readonly opaqueParams?: boolean;
}

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'What went wrong, for programs: `invalid-input`, `not-found`, `idempotency-key-reused`, …' }),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request' }),
    correlationId: z.string().meta({ description: 'The `X-Correlation-Id` of the request, as in the logs' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, the one shape every error takes. An error may add members of its own (e.g. `key` for `idempotency-key-reused`).' });

const CORRELATION_ID = 'Send one to choose the correlation id of the request; every response carries it (generated when not sent), and so do the log lines and the events the request appends.';

/** A command is a POST with a JSON body, run through the one command handler. */
const isCommand = (route: RouteDoc) => route.method === 'post' && route.body !== undefined;

const pathParams = (path: string) => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length === 0 ? undefined : z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
};

/** The problems a route can answer, implied by its shape unless it says otherwise. */
const problemsOf = (route: RouteDoc, hasParams: boolean): Record<number, string> => {
  const implied: [status: number, description: string, applies: boolean][] = [
    // A route that takes no input has nothing to refuse.
    [400, 'Invalid input: every invalid field is named in `errors`', !!(route.query || route.body || (hasParams && !route.opaqueParams))],
    [404, 'No such aggregate', hasParams],
    [409, 'A business rule was violated or the revision is stale', isCommand(route)],
    [415, 'The body is not JSON: send it with `Content-Type: application/json` (`unsupported-media-type`)', route.body !== undefined],
    [422, 'The `Idempotency-Key` was already used for a different request (`idempotency-key-reused`)', isCommand(route)],
  ];
  return { ...Object.fromEntries(implied.filter(([, , applies]) => applies).map(([status, description]) => [status, description])), ...route.problems };
};

/**
 * The headers every route (X-Correlation-Id) or every command (Idempotency-Key, X-Actor,
 * X-Causation-Id) takes: components, so that each operation refers to them.
 */
const registerHeaders = (registry: OpenAPIRegistry) => {
  const parameter = (id: string, name: string, description: string) =>
    registry.registerComponent('parameters', id, { name, in: 'header', required: false, description, schema: { type: 'string' } }).ref;
  return {
    request: [parameter('CorrelationId', 'X-Correlation-Id', CORRELATION_ID)],
    command: [
      parameter(
        'IdempotencyKey',
        'Idempotency-Key',
        'Makes the command safe to repeat: the same key with the same method, path and body answers with the id and revision the first one produced and appends nothing; the same key with a different request is refused with 422 `idempotency-key-reused`. At most 200 characters are kept.',
      ),
      parameter('Actor', 'X-Actor', 'Who sends the command (default `anonymous`): recorded as `actor` in the envelope of every event it appends.'),
      parameter('CausationId', 'X-Causation-Id', 'The id of what caused the command (an event, a message): recorded as `causationId` in the envelope of every event it appends.'),
    ],
    response: { 'X-Correlation-Id': registry.registerComponent('headers', 'CorrelationId', { description: CORRELATION_ID, schema: { type: 'string' } }).ref },
  };
};

/** Builds the OpenAPI document of a service from the same zod schemas that validate its input. */
export const buildOpenApiDocument = (title: string, version: string, routes: readonly RouteDoc[]) => {
  const registry = new OpenAPIRegistry();
  const headers = registerHeaders(registry);
  const problem = (description: string) => ({ description, headers: headers.response, content: { 'application/problem+json': { schema: ProblemSchema } } });
  for (const route of routes) {
    const params = pathParams(route.path);
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...headers.request, ...(isCommand(route) ? headers.command : [])],
      request: {
        params,
        query: route.query,
        body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
        headers: route.headers,
      },
      responses: {
        [route.status ?? 200]: {
          description: 'Success',
          headers: headers.response,
          ...(route.response ? { content: { [route.mediaType ?? 'application/json']: { schema: route.response } } } : {}),
        },
        ...Object.fromEntries(Object.entries(problemsOf(route, params !== undefined)).map(([status, description]) => [status, problem(description)])),
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({ openapi: '3.0.3', info: { title, version } });
};

export const RevisionResponse = z.object({ revision: z.number().int() });
export const createdResponse = (idName: string) => z.object({ [idName]: z.string(), revision: z.number().int() });

/** The routes every command service shares. */
export const commonRoutes = (tag: string): RouteDoc[] => [
  { method: 'get', path: '/health', summary: 'Health and last store position', tag },
  { method: 'get', path: '/streams/{streamId}/events', summary: 'Full history of one stream, with envelopes (audit)', tag, opaqueParams: true, problems: { 404: 'No such stream' } },
  {
    method: 'get',
    path: '/events',
    summary: 'The whole log of this service in order, paged by position (audit)',
    tag,
    query: z.object({ fromPosition: z.number().int().optional(), limit: z.number().int().optional(), recordedUpTo: z.string().optional() }),
  },
];
