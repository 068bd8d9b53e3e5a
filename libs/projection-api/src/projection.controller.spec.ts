import { DEFAULT_METRICS_CONFIG } from '@quotient/metrics';
import { toProblem } from '@quotient/http';
import { ProjectionController } from './projection.controller';

describe('POST /projection/rebuild', () => {
  const controller = (started: boolean) => new ProjectionController({ version: 2, rebuild: async () => ({ version: 3, started }) } as never, [], DEFAULT_METRICS_CONFIG, 'CNY', '0.1.0');

  it('answers a started rebuild with the version it builds', async () => {
    expect(await controller(true).rebuild()).toMatchObject({ version: 3, started: true, message: expect.stringContaining('version 2 keeps serving') });
  });

  it('answers 409 while a rebuild is already running, naming it', async () => {
    const refused = await controller(false).rebuild().catch((error: unknown) => error);
    expect(toProblem(refused)).toMatchObject({ status: 409, code: 'rebuild-running', detail: expect.stringContaining('version 3 is already running') });
  });
});

describe('GET /settings', () => {
  it('says what the metrics are computed with', () => {
    const config = { ...DEFAULT_METRICS_CONFIG, stallDays: 21 };
    expect(new ProjectionController({} as never, [], config, 'EUR', '0.1.0').settings()).toEqual({
      baseCurrency: 'EUR',
      grossMargin: 0.3,
      stallDays: 21,
      costRatioCeiling: 0.3,
      scoreWeights: DEFAULT_METRICS_CONFIG.scoreWeights,
    });
  });
});
