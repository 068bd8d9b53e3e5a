import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export interface RouteDoc {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly status?: number;
  readonly response?: z.ZodType;
}

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const pathParams = (path: string) => {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length === 0 ? undefined : z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
};

/** Builds the OpenAPI document of a service from the same zod schemas that validate its input. */
export const buildOpenApiDocument = (title: string, version: string, routes: readonly RouteDoc[]) => {
  const registry = new OpenAPIRegistry();
  for (const route of routes) {
    const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
    const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      tags: [route.tag],
      request: {
        params: pathParams(route.path),
        query: route.query,
        body: route.body ? json(route.body) : undefined,
        headers: route.method === 'post' ? z.object({ 'idempotency-key': z.string().optional() }) : undefined,
      },
      responses: {
        [route.status ?? 200]: { description: 'Success', ...(route.response ? json(route.response) : {}) },
        400: problem('Invalid input: every invalid field is named in `errors`'),
        ...(route.path.includes('{') ? { 404: problem('No such aggregate') } : {}),
        ...(route.method === 'post' ? { 409: problem('A business rule was violated or the revision is stale') } : {}),
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
  { method: 'get', path: '/streams/{streamId}/events', summary: 'Full history of one stream, with envelopes (audit)', tag },
  {
    method: 'get',
    path: '/events',
    summary: 'The whole log of this service in order, paged by position (audit)',
    tag,
    query: z.object({ fromPosition: z.number().int().optional(), limit: z.number().int().optional(), recordedUpTo: z.string().optional() }),
  },
];
