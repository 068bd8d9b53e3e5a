import { z } from 'zod';

/** A TCP port; 0 asks the system for any free port (tests). */
export const Port = z.coerce.number().int().min(0, 'expected a port number between 0 and 65535').max(65535, 'expected a port number between 0 and 65535');

/** Settings every service reads. Validated once at start-up; a wrong value stops the process. */
export const CommonConfig = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY').default('CNY'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
});
export type CommonConfig = z.infer<typeof CommonConfig>;

export class ConfigurationError extends Error {}

/** Reads configuration from the environment or throws a message naming every bad variable. */
export const readConfig = <S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> => {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])] ?? '')}: ${issue.message}`);
  throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
};

/**
 * For a process entry point: a configuration problem or an unreachable dependency is printed
 * plainly (no stack trace) and stops the process; anything else is a bug and keeps its stack.
 */
export const exitOnConfigurationError = (error: unknown): never => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof Error && /not reachable|is invalid|EADDRINUSE/.test(`${error.message} ${(error as { code?: string }).code ?? ''}`)) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(69);
  }
  throw error;
};
