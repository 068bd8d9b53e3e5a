import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';

/** A check that says yes only to data the zod schema accepts unchanged (no allocation on the way). */
export type ExactCheck = (data: unknown) => boolean;

/** Zod schema kinds whose JSON Schema says exactly what zod checks. */
const EXACT_TYPES = new Set(['object', 'string', 'number', 'boolean', 'enum', 'literal', 'nullable', 'optional', 'array', 'null']);
/** Zod checks with an exact JSON Schema keyword (refinements, `custom`, are dropped by the conversion: not here). */
const EXACT_CHECKS = new Set(['min_length', 'max_length', 'length_equals', 'greater_than', 'less_than', 'multiple_of', 'number_format', 'string_format']);
/** Number formats that become `integer` with bounds. */
const EXACT_NUMBER_FORMATS = new Set(['safeint', 'int32', 'uint32']);

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: unknown;
}

interface SchemaDef {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: unknown;
  readonly checks?: ReadonlyArray<{ readonly _zod: { readonly def: CheckDef } }>;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
}

/** A string format or regex that JSON Schema states as a plain `pattern` (no flags, which it cannot carry). */
const plainPattern = (pattern: unknown): boolean => pattern instanceof RegExp && pattern.flags === '';

const exactCheck = ({ check, format, pattern }: CheckDef): boolean => {
  if (!EXACT_CHECKS.has(check)) return false;
  if (check === 'string_format') return plainPattern(pattern);
  if (check === 'number_format') return format !== undefined && EXACT_NUMBER_FORMATS.has(format);
  return true;
};

/**
 * Whether the JSON Schema of a zod schema checks exactly what zod does: only kinds and checks
 * with a keyword of their own, no refinement (which `z.toJSONSchema` silently drops), no
 * transform or default (which would make zod's output differ from its input).
 */
const exactlyRepresentable = (schema: z.ZodType): boolean => {
  const def = (schema as unknown as { readonly _zod: { readonly def: SchemaDef } })._zod.def;
  if (!EXACT_TYPES.has(def.type)) return false;
  if (def.type === 'string' && def.format !== undefined && !exactCheck({ check: 'string_format', format: def.format, pattern: def.pattern })) return false;
  if (def.type === 'number' && def.format !== undefined && !EXACT_NUMBER_FORMATS.has(def.format)) return false;
  if (!(def.checks ?? []).every((check) => exactCheck(check._zod.def))) return false;
  const children = [...Object.values(def.shape ?? {}), ...(def.innerType ? [def.innerType] : []), ...(def.element ? [def.element] : [])];
  return children.every(exactlyRepresentable);
};

/** Every object closed: a key zod would strip makes the exact check say no (zod then decides, and strips it). */
const closeObjects = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'object') record.additionalProperties = false;
  Object.values(record).forEach(closeObjects);
};

// String lengths in code points and regexes without the `u` flag, as zod counts and matches; NaN
// and infinities refused, as zod refuses them; formats checked by the patterns zod gives them
// (`exactlyRepresentable` insists on one).
const ajv = new Ajv2020({ allErrors: false, validateFormats: false, unicodeRegExp: false, strictNumbers: true });

/**
 * A compiled check (ajv, from the schema's JSON Schema) that accepts only data the zod schema
 * accepts and would return unchanged — every key known, every value valid — without building
 * anything: zod's parse allocated ~40 % of what a replay of a million events allocated. It may
 * say no to data zod accepts (a key zod strips): the caller then asks zod. Null when the schema
 * uses anything JSON Schema cannot state exactly.
 */
export const exactCheckOf = (schema: z.ZodType): ExactCheck | null => {
  if (!exactlyRepresentable(schema)) return null;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  closeObjects(json);
  delete json.$schema;
  try {
    const validate = ajv.compile(json);
    return (data) => validate(data) === true;
  } catch {
    // A keyword ajv does not know (strict mode): zod alone, as for anything not stated exactly.
    return null;
  }
};
