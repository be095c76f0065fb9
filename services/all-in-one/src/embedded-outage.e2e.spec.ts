import { ChildProcess } from 'node:child_process';
import { serverHolding } from '@ledger/platform';
import { eventually } from '@ledger/testing';
import { busiestSecond, deadServer, NpmStart, postgresServer } from './npm-start.harness';
import { SERVICES } from './services';

/**
 * Embedded mode when its PostgreSQL dies under it: the process stays up and says so on
 * /health, and once a server is back on the same port and data folder, every service and
 * background loop (relay, bus consumers, projections) picks up again on its own.
 */
describe('npm start while its PostgreSQL is killed and brought back', () => {
  let platform: NpmStart;
  let replacement: ChildProcess | undefined;

  beforeAll(async () => {
    platform = await NpmStart.create();
  });
  afterAll(() => {
    platform.cleanup();
    replacement?.kill('SIGTERM');
  });

  it('reports unhealthy without crashing, then serves writes and the validator read model again', async () => {
    await platform.start();
    expect((await platform.registry('/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await platform.registry('/api/v1/models/churn/versions', { source: 's3://m/1' })).status).toBe(201);
    await eventually(async () => expect(await platform.pending('churn')).toEqual([1]));

    process.kill(serverHolding(platform.postgresDir)!.pid, 'SIGKILL');
    await eventually(async () => {
      expect(await platform.health('registry')).toBe(503);
      expect(await platform.health('validator')).toBe(503);
    });
    // Gone for a while: however long, the services knock at a steady pace, never a growing crowd.
    const dead = await eventually(() => deadServer(platform.ports.pg));
    await eventually(() => expect(dead.attempts.at(-1)! - dead.attempts[0]).toBeGreaterThan(8_000), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await dead.close();
    // Every loop backs off from half a second with jitter: a few a second per loop, about ten per
    // service in the busiest second — up to 14 for the orchestrator's seven loops (its relay,
    // consumer, router and schedules projections, timers, outbox, cron) — where a reconnect storm
    // would be thousands.
    expect(busiestSecond(dead.attempts)).toBeLessThan(20 * SERVICES.length);
    expect(platform.running).toBe(true);

    // Its backends may hold the old shared memory for a moment after the kill: retry the start.
    replacement = await eventually(() => postgresServer(platform.postgresDir, platform.ports.pg), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await eventually(async () => {
      expect(await platform.health('registry')).toBe(200);
      expect(await platform.health('validator')).toBe(200);
    });
    expect((await platform.registry('/api/v1/models/churn/versions', { source: 's3://m/2' })).status).toBe(201);
    await eventually(async () => expect(await platform.pending('churn')).toEqual([1, 2]));
    expect(platform.running).toBe(true);
    expect(await platform.interrupt()).toBe(0);
  }, 180_000);
});
