import { Logger } from '@nestjs/common';
import { HealthController } from './observability.module';
import { createServiceMetrics } from './metrics';

/** What a probe sees, and what the log says, while a dependency goes away and comes back. */
describe('GET /health while a dependency goes away and comes back', () => {
  let databaseUp = true;
  const controller = new HealthController({
    service: 'registry',
    metrics: createServiceMetrics('registry'),
    checks: {
      database: async () => (databaseUp ? 1 : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))),
    },
  });
  const probe = async () => {
    let status = 0;
    const body = await controller.health({ status: (code: number) => (status = code) } as never);
    return { status, body };
  };

  it('answers 503 naming the check that is down, 200 once it passes again, and logs the outage once each way', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    expect(await probe()).toEqual({
      status: 200,
      body: { status: 'ok', service: 'registry', checks: { database: 'ok' } },
    });

    databaseUp = false;
    for (let i = 0; i < 3; i++)
      expect(await probe()).toEqual({
        status: 503,
        body: { status: 'error', service: 'registry', checks: { database: 'down' } },
      });
    databaseUp = true;
    expect((await probe()).status).toBe(200);

    expect(warn.mock.calls).toEqual([['health check database failed: connect ECONNREFUSED 127.0.0.1:5432']]);
    expect(log.mock.calls).toEqual([['health check database passes again']]);
  });
});
