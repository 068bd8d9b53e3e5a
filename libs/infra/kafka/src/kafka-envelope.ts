import type { EventEnvelope } from '@quotient/kernel';
import type { DeadLetter } from '@quotient/projection';
import type { KafkaMessage, Message } from 'kafkajs';
import { z } from 'zod';

/** The envelope as it travels on an events topic: the stored event, whole (DESIGN.md §3); fields added later pass through. */
const EnvelopeOnTheWire = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  streamId: z.string().min(1),
  revision: z.number().int().min(0),
  position: z.number().int().min(1),
  occurredAt: z.string(),
  recordedAt: z.string(),
  tenantId: z.string(),
  actor: z.string(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  data: z.unknown(),
});

/** Key = stream id, so one stream always lands on one partition and keeps its order there. */
export const envelopeMessage = (envelope: EventEnvelope): Message => ({
  key: envelope.streamId,
  value: JSON.stringify(envelope),
  headers: { type: envelope.type, schemaVersion: String(envelope.schemaVersion), eventId: envelope.id },
});

export type DecodedMessage = { readonly ok: true; readonly envelope: EventEnvelope } | { readonly ok: false; readonly reason: string; readonly raw: string };

export const messageHeader = (message: KafkaMessage, name: string): string | undefined => {
  const value = message.headers?.[name];
  return value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);
};

/** Reads one message back into an envelope, or says why it is not one (a poison message). */
export const decodeEnvelope = (message: KafkaMessage): DecodedMessage => {
  const raw = message.value?.toString('utf8') ?? '';
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'message value is not JSON', raw };
  }
  const parsed = EnvelopeOnTheWire.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not an event envelope: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, raw };
  return { ok: true, envelope: parsed.data as EventEnvelope };
};

/** A message that is no event envelope, as a dead letter (it cannot reach the projection's own checks). */
export const deadLetterOf = (source: string, partition: number, message: KafkaMessage, reason: string, raw: string): DeadLetter => ({
  source,
  eventId: messageHeader(message, 'eventId') ?? `kafka:${partition}@${message.offset}`,
  streamId: message.key?.toString('utf8') ?? '',
  revision: -1,
  position: -1,
  type: messageHeader(message, 'type') ?? 'unknown',
  reason: `malformed message at partition ${partition} offset ${message.offset}: ${reason}`,
  recordedAt: new Date().toISOString(),
  payload: raw,
});
