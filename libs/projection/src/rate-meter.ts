/** Events per second over a sliding window (ten seconds by default). */
export class RateMeter {
  private readonly samples: Array<[at: number, count: number]> = [];

  constructor(private readonly windowMs = 10_000) {}

  record(count: number, at = Date.now()): void {
    this.samples.push([at, count]);
  }

  perSecond(now = Date.now()): number {
    while (this.samples.length > 0 && this.samples[0][0] < now - this.windowMs) this.samples.shift();
    const total = this.samples.reduce((sum, [, n]) => sum + n, 0);
    const span = this.samples.length > 0 ? Math.max(1, (now - this.samples[0][0]) / 1000) : 1;
    return Math.round(total / Math.max(span, 1));
  }
}
