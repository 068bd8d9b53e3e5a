import type { CatalogueEntry } from './api';
import { AREAS, named } from './i18n';

/** The metric catalogue as served by /catalogue: names, units, directions, formulas. */
let entries: readonly CatalogueEntry[] = [];
let byId = new Map<string, CatalogueEntry>();

export const setCatalogue = (loaded: readonly CatalogueEntry[]): void => {
  entries = loaded;
  byId = new Map(loaded.map((e) => [e.id, e]));
};

export const catalogue = (): readonly CatalogueEntry[] => entries;
export const entry = (id: string): CatalogueEntry | undefined => byId.get(id);
export const metricName = (id: string): string => named(byId.get(id), id);

/** Areas in catalogue order (METRICS.md section order). */
export const areas = (): string[] => [...new Set(entries.map((e) => e.area))];
export const areaName = (area: string): string => named(AREAS[area], area);
