import { DynamicModule, Module, Type } from '@nestjs/common';
import type { EventStore } from '@quotient/eventsourcing';
import type { Clock } from '@quotient/kernel';
import { AggregateReader } from './aggregate-reader';
import { AuditController } from './audit.controller';
import { CommandRunner } from './command-runner';
import { HealthController } from './health.controller';
import { CLOCK, EVENT_STORE, SERVICE_INFO, ServiceInfo } from './tokens';

export interface CommandServiceOptions {
  readonly controllers: readonly Type[];
  readonly store: EventStore;
  readonly clock: Clock;
  readonly info: ServiceInfo;
}

/** A command service: its context's controllers plus audit and health, over the chosen store. */
@Module({})
export class CommandServiceModule {
  static forRoot({ controllers, store, clock, info }: CommandServiceOptions): DynamicModule {
    return {
      module: CommandServiceModule,
      controllers: [...controllers, AuditController, HealthController],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: SERVICE_INFO, useValue: info },
        CommandRunner,
        AggregateReader,
      ],
    };
  }
}
