/**
 * A small seeded PRNG (mulberry32) with the draws the history needs. Everything the generator
 * does random goes through one of these, so a seed reproduces a history exactly.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight: `{ direct: 40, partner: 25 }`. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Standard normal (Box–Muller). */
  normal(mean?: number, deviation?: number): number;
  /** Log-normal around a median: spread 0.5 makes ×/÷ 1.65 one deviation away. */
  logNormal(median: number, spread: number): number;
  /** How many events of a Poisson process with this mean happen. */
  poisson(mean: number): number;
}

export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const seededRandom = (seed: number): Random => {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      const entries = Object.entries(weights) as [never, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    normal: (mean = 0, deviation = 1) => {
      const u = 1 - next();
      const v = next();
      return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, spread) => median * Math.exp(random.normal(0, spread)),
    poisson: (mean) => {
      // Knuth's method is fine for the small daily means used here.
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    },
  };
  return random;
};
