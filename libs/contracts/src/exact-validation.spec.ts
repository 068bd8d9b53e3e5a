import fc from 'fast-check';
import { z } from 'zod';
import { exactCheckOf } from './exact-validation';
import { EventType, eventSchemas } from './registry';
import { PoisonEvent, readEvent } from './upcasting';

interface Def {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly checks?: ReadonlyArray<{ readonly _zod: { readonly def: { readonly check: string; readonly pattern?: RegExp; readonly value?: number; readonly inclusive?: boolean; readonly minimum?: number; readonly maximum?: number } } }>;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly entries?: Readonly<Record<string, string>>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values valid for a schema, from its own kinds and checks (`mutated` makes them invalid too). */
const valuesOf = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  switch (def.type) {
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, value]) => [key, valuesOf(value)])));
    case 'nullable':
      return fc.option(valuesOf(def.innerType as z.ZodType), { nil: null });
    case 'optional':
      return fc.option(valuesOf(def.innerType as z.ZodType), { nil: undefined });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'string': {
      const pattern = def.pattern ?? checks.find((check) => check.pattern)?.pattern;
      return pattern ? fc.stringMatching(pattern).filter((text) => text.length <= 100) : fc.string({ unit: 'grapheme', maxLength: 120 });
    }
    case 'number': {
      const low = checks.find((check) => check.check === 'greater_than')?.value;
      const high = checks.find((check) => check.check === 'less_than')?.value;
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: low ?? -1e9, max: high ?? 1e9 }), fc.integer({ min: Math.ceil(low ?? -1e9), max: Math.floor(high ?? 1e9) }));
    }
    default:
      return fc.anything();
  }
};

/** A value with one key dropped, one added (a key zod strips) or one replaced by anything. */
const mutated = (value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(value, fc.nat(), fc.constantFrom('keep', 'drop', 'extra', 'replace'), fc.oneof(fc.anything(), fc.double(), fc.string())).map(([data, n, how, other]) => {
    if (how === 'keep' || data === null || typeof data !== 'object') return data;
    const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (how === 'extra') copy[`extra${n % 3}`] = other;
    else if (keys.length > 0 && how === 'drop') delete copy[keys[n % keys.length]];
    else if (keys.length > 0) copy[keys[n % keys.length]] = other;
    return copy;
  });

/** The reader as it was before exact checks: zod alone. */
const zodOnly = (type: EventType, data: unknown): { ok: true; data: unknown } | { ok: false; reason: string } => {
  const parsed = eventSchemas[type].safeParse(data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
};

const read = (type: EventType, data: unknown): { ok: true; data: unknown } | { ok: false; reason: string } => {
  try {
    return { ok: true, data: readEvent(type, 1, data).data };
  } catch (error) {
    if (error instanceof PoisonEvent) return { ok: false, reason: error.reason };
    throw error;
  }
};

describe('exact checks of the event schemas', () => {
  const types = Object.keys(eventSchemas) as EventType[];

  it('exist for every event type of the published language, and the reader can compile them all up front', () => {
    expect(types.filter((type) => exactCheckOf(eventSchemas[type]) === null)).toEqual([]);
    expect(readEvent.prepare()).toBe(types.length);
  });

  it.each(types)('%s: read with its exact check, every event reads as zod alone reads it (same data, same reasons)', (type) => {
    const check = exactCheckOf(eventSchemas[type]) as (data: unknown) => boolean;
    let accepted = 0;
    fc.assert(
      fc.property(mutated(valuesOf(eventSchemas[type])), (data) => {
        const expected = zodOnly(type, data);
        if (check(data)) {
          accepted++;
          // Accepted as it is: zod accepts it too and returns it unchanged.
          expect(expected).toEqual({ ok: true, data });
        }
        expect(read(type, data)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // The generated cases reach the fast path (else the property would say nothing about it).
    expect(accepted).toBeGreaterThan(0);
  });

  it('says no to a key zod strips, and the reader returns zod’s stripped data', () => {
    const data = { dealId: 'd1', customerId: 'c1', ownerRepId: 'r1', teamId: 't1', region: 'east', channel: 'direct', segment: 'smb', kind: 'call' };
    const check = exactCheckOf(eventSchemas['deals.ActivityLogged']) as (data: unknown) => boolean;
    expect(check(data)).toBe(true);
    expect(check({ ...data, note: 'hello' })).toBe(false);
    expect(readEvent('deals.ActivityLogged', 1, { ...data, note: 'hello' }).data).toEqual(data);
  });

  it('counts string lengths as zod does (code points, not UTF-16 units)', () => {
    const schema = z.object({ name: z.string().min(2).max(3) });
    const check = exactCheckOf(schema) as (data: unknown) => boolean;
    for (const name of ['ab😀', '😀😀', '😀', 'abcd', '😀😀😀😀', '👨‍👩‍👧', 'a\ud800']) {
      expect([name, check({ name })]).toEqual([name, schema.safeParse({ name }).success]);
    }
  });

  it('says no to numbers JSON cannot carry, as zod does', () => {
    const check = exactCheckOf(z.object({ amount: z.number() })) as (data: unknown) => boolean;
    expect(check({ amount: Number.NaN })).toBe(false);
    expect(check({ amount: Number.POSITIVE_INFINITY })).toBe(false);
    expect(check({ amount: 1.5 })).toBe(true);
  });

  it('is not built for a schema with a refinement, a transform, a default or a flagged regex (JSON Schema cannot state them)', () => {
    expect(exactCheckOf(z.object({ a: z.string().refine((s) => s.length > 2) }))).toBeNull();
    expect(exactCheckOf(z.object({ a: z.string().transform((s) => s.trim()) }))).toBeNull();
    expect(exactCheckOf(z.object({ a: z.number().default(1) }))).toBeNull();
    expect(exactCheckOf(z.object({ a: z.string().regex(/^a+$/i) }))).toBeNull();
    expect(exactCheckOf(z.object({ a: z.url() }))).toBeNull();
  });
});
