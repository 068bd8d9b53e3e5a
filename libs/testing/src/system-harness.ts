import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CommandServiceDefinition,
  ProjectionServiceExtras,
  RunningCommandService,
  RunningProjectionService,
  startCommandService,
  startProjectionService,
} from '@quotient/runtime';
import { httpClient } from './http-client';

/**
 * The whole embedded system in one test process: the four command services and the projection
 * over one temporary data directory, each on a free port. `extras` go to the projection service
 * (e.g. the dashboard's controller).
 */
export const systemHarness = (definitions: Record<string, CommandServiceDefinition>, env: Record<string, string> = {}, extras: ProjectionServiceExtras = {}) => {
  let dataDir = '';
  const services: Record<string, RunningCommandService> = {};
  let projection: RunningProjectionService | null = null;
  const baseEnv = () => ({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const startProjection = async () => {
    projection = await startProjectionService({ ...baseEnv(), PROJECTION_PORT: '0' }, extras);
  };
  const harness = {
    service: (name: string) => httpClient(() => services[name].url),
    projection: httpClient(() => projection!.url),
    get projectionUrl() {
      return projection!.url;
    },
    get running() {
      return projection!;
    },
    get dataDir() {
      return dataDir;
    },
    setup: async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'quotient-system-'));
      for (const [name, definition] of Object.entries(definitions)) {
        services[name] = await startCommandService(definition, { ...baseEnv(), [definition.portVariable]: '0' });
      }
      await startProjection();
    },
    /** Waits until the projection has applied everything the services have stored. */
    settle: () => projection!.projection.engine.settle(),
    restartProjection: async () => {
      await projection?.stop();
      await startProjection();
    },
    teardown: async () => {
      await projection?.stop();
      for (const service of Object.values(services)) await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};
