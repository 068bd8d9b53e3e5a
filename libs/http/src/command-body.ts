import { InvalidInput } from '@quotient/kernel';
import { IsoDateTime } from '@quotient/contracts';
import { z } from 'zod';
import { parseInput } from './problem';

/**
 * The body of any command: its own fields plus the optional business time and currency every
 * command accepts. Unknown fields are refused, so a typo never passes silently.
 */
export const commandBody = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ ...shape, occurredAt: IsoDateTime.optional(), currency: z.string().optional() });

/** Parses a command body and refuses money in any currency but the tenant's base currency. */
export const parseCommandBody = <S extends z.ZodType<{ currency?: string }>>(schema: S, body: unknown, baseCurrency: string): z.infer<S> => {
  const parsed = parseInput(schema, body);
  if (parsed.currency !== undefined && parsed.currency.toUpperCase() !== baseCurrency) {
    throw new InvalidInput([{ field: 'currency', message: `amounts are in ${baseCurrency}; ${parsed.currency} is not accepted` }]);
  }
  return parsed;
};

/** Path parameters are identifiers too: a bad one is a 400 naming the parameter. */
export const parsePathId = (name: string, value: unknown): string =>
  parseInput(z.string().min(1).max(100).regex(/^[A-Za-z0-9_.\-]+$/, 'use letters, digits, "_", "." or "-" only'), value, name);
