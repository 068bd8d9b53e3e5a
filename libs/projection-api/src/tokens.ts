export const PROJECTION = Symbol('ProjectionService');
export const METRICS_CONFIG = Symbol('MetricsConfig');
export const CATALOGUE = Symbol('MetricCatalogue');
export const BASE_CURRENCY = Symbol('BaseCurrency');
export const SERVICE_VERSION = Symbol('ServiceVersion');
