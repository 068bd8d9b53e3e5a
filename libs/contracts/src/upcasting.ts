import { CURRENT_SCHEMA_VERSION, EventType, eventSchemas, isEventType, QuotientEvent } from './registry';
import { ExactCheck, exactCheckOf } from './exact-validation';

/** Turns the data of one (type, version) into the data of version + 1. */
export interface Upcaster {
  readonly type: EventType;
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

export class PoisonEvent extends Error {
  constructor(readonly eventType: string, readonly reason: string) {
    super(`${eventType}: ${reason}`);
  }
}

/**
 * Reads stored event data of any known version into the current version and validates it.
 * Throws PoisonEvent for unknown types, versions from the future, or data that fails the schema.
 * Data that a type's exact check accepts (see `exactCheckOf`: valid, no key zod would strip) is
 * returned as it is; anything else goes through zod, which gives the result and the reasons.
 */
export const createEventReader = (upcasters: readonly Upcaster[] = []) => {
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));
  // Compiled on a type's first event (2–8 ms each, ~70 ms the very first), or all at once by
  // `prepare`; null: zod only.
  const exact = new Map<string, ExactCheck | null>();
  const exactFor = (type: EventType): ExactCheck | null => {
    let check = exact.get(type);
    if (check === undefined) exact.set(type, (check = exactCheckOf(eventSchemas[type])));
    return check;
  };
  const read = (type: string, schemaVersion: number, data: unknown): QuotientEvent => {
    if (!isEventType(type)) throw new PoisonEvent(type, 'unknown event type');
    if (schemaVersion > CURRENT_SCHEMA_VERSION) throw new PoisonEvent(type, `schema version ${schemaVersion} is newer than ${CURRENT_SCHEMA_VERSION}`);
    let current = data;
    for (let version = schemaVersion; version < CURRENT_SCHEMA_VERSION; version++) {
      const upcaster = byKey.get(`${type}@${version}`);
      if (!upcaster) throw new PoisonEvent(type, `no upcaster from version ${version}`);
      current = upcaster.upcast(current);
    }
    if (exactFor(type)?.(current)) return { type, data: current } as QuotientEvent;
    const parsed = eventSchemas[type].safeParse(current);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new PoisonEvent(type, reason);
    }
    return { type, data: parsed.data } as QuotientEvent;
  };
  /**
   * Compiles every type's exact check now (~150 ms in all): a projection does it when it starts,
   * so no live event waits for one. The number of types that have one (the others: zod only).
   */
  const prepare = (): number => (Object.keys(eventSchemas) as EventType[]).filter((type) => exactFor(type) !== null).length;
  return Object.assign(read, { prepare });
};

/** The upcasters of the published language. None yet: every type is at version 1. */
export const upcasters: readonly Upcaster[] = [];

export const readEvent = createEventReader(upcasters);
