import { Controller, Get, Module } from '@nestjs/common';
import { createHttpApp, createLogger } from '@quotient/http';
import type { AddressInfo } from 'node:net';
import { answerStartingUntil } from './projection-service';

@Controller()
class SomeController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('metrics')
  metrics() {
    return [];
  }
}

@Module({ controllers: [SomeController] })
class SomeModule {}

describe('a projection service loading its read models', () => {
  it('answers 503 (starting) to what needs the read models until it is ready, then serves', async () => {
    const app = await createHttpApp({ module: SomeModule, logger: createLogger('test', 'silent') });
    let ready = false;
    answerStartingUntil(app, () => ready);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    try {
      const health = await fetch(`${url}/health?probe=1`);
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBe('1');
      expect(await health.json()).toEqual({ status: 'starting', service: 'projection', detail: 'loading the read models' });
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(503);
      expect(metrics.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await metrics.json()).toMatchObject({ status: 503, code: 'starting', instance: '/metrics', correlationId: expect.any(String) });
      // The dashboard's page and assets and the API documents need no read model: served (here: no such route).
      for (const path of ['/', '/assets/app.js', '/docs/openapi.json']) expect((await fetch(`${url}${path}`)).status).toBe(404);
      ready = true;
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
