import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStore } from '@quotient/eventsourcing';
import { SERVICE_INFO, ServiceInfo, EVENT_STORE } from './tokens';

@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  @Get('health')
  async health() {
    return {
      status: 'ok',
      service: this.info.name,
      version: this.info.version,
      lastPosition: await this.store.lastPosition(),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }
}
