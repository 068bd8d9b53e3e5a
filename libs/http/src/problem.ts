import { FieldIssue, InvalidInput, QuotientError } from '@quotient/kernel';
import { z } from 'zod';

/** RFC 9457 problem details, the one shape every error takes on the wire. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldIssue[];
  readonly [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem => ({
  // An error's own details never overwrite the standard members.
  ...extra,
  type: `https://quotient.dev/problems/${code}`,
  title: TITLES[status] ?? 'Error',
  status,
  code,
  detail,
});

export const problemFromError = (error: QuotientError): Problem =>
  error instanceof InvalidInput
    ? problem(400, error.code, describeIssues(error.issues), { errors: error.issues })
    : problem(error.status, error.code, error.message, error.details);

const describeIssues = (issues: readonly FieldIssue[]): string =>
  `Invalid ${issues.length === 1 ? 'field' : 'fields'}: ${[...new Set(issues.map((i) => i.field))].join(', ')}`;

/** The value at an issue's path in the input: undefined when the field (or what holds it) is absent. */
const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
};

/**
 * Every zod issue becomes a named field; an unknown key names itself, and an absent field is
 * "is required" whatever its schema (zod words a missing enum as "Invalid option: …").
 */
export const issuesOf = (error: z.ZodError, prefix = '', input?: unknown): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [path, key].filter(Boolean).join('.'), message: 'is not a known field' }));
    }
    const absent = issue.path.length > 0 && input !== undefined && valueAt(input, issue.path) === undefined;
    const missing = absent || (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'));
    return [{ field: path || '(body)', message: missing ? 'is required' : issue.message }];
  });

/** Parses input with a zod schema or throws InvalidInput naming every bad field. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> => {
  // No body at all is an empty one; a JSON `null` is not an object and is refused as one.
  const given = input === undefined ? {} : input;
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new InvalidInput(issuesOf(parsed.error, prefix, given));
  return parsed.data;
};
