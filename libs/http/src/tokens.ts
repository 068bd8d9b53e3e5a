/** Injection tokens for ports; adapters are bound to them by each app's composition root. */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const SERVICE_INFO = Symbol('ServiceInfo');

export interface ServiceInfo {
  readonly name: string;
  readonly baseCurrency: string;
  readonly version: string;
}
