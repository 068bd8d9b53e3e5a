import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandServiceDefinition, RunningCommandService, startCommandService } from '@quotient/runtime';
import { httpClient } from './http-client';

/**
 * Starts a real command service on a free port over a temporary data directory, the way
 * `npm start` does, and lets a test restart it on the same data.
 */
export const commandServiceHarness = (definition: CommandServiceDefinition, env: Record<string, string> = {}) => {
  let dataDir = '';
  let running: RunningCommandService | null = null;
  const start = async () => {
    running = await startCommandService(definition, { DATA_DIR: dataDir, [definition.portVariable]: '0', LOG_LEVEL: 'silent', ...env });
  };
  const harness = {
    http: httpClient(() => running!.url),
    get service() {
      return running!;
    },
    get dataDir() {
      return dataDir;
    },
    setup: async () => {
      dataDir = mkdtempSync(join(tmpdir(), `quotient-${definition.name}-`));
      await start();
    },
    restart: async () => {
      await running?.stop();
      await start();
    },
    teardown: async () => {
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};

/** Registers beforeAll/afterAll for a harness and returns it. */
export const useCommandService = (definition: CommandServiceDefinition, env: Record<string, string> = {}) => {
  const harness = commandServiceHarness(definition, env);
  beforeAll(() => harness.setup());
  afterAll(() => harness.teardown());
  return harness;
};

/** The problem+json contract every error answer keeps. */
export const expectProblem = (result: { status: number; body: any; headers: Headers }, status: number, fields?: string[]) => {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toContain('application/problem+json');
  expect(result.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), code: expect.any(String) });
  if (fields) expect(result.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
};
