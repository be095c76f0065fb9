import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '@ledger/platform';
import { RunningPlatform, startPlatform } from './platform';
import { pipelineScenarios } from './pipelines.scenarios';

/**
 * Promotion pipelines end to end on the embedded platform (`npm start`'s wiring): the registry,
 * validator, deployer, serving and orchestrator talk only through the bus; a version goes from
 * registration to serving through events alone, and people act only at the approval gates.
 */
describe('promotion pipelines end to end on the embedded platform', () => {
  let platform: RunningPlatform;
  let artifactsDir: string;

  beforeAll(async () => {
    artifactsDir = await mkdtemp(join(tmpdir(), 'pipelines-e2e-'));
    const names = ['registry', 'validator', 'identity', 'serving', 'deployer', 'orchestrator'];
    platform = await startPlatform({
      postgresUrl: process.env.TEST_DATABASE_URL!,
      databasePrefix: `pipelines_${randomBytes(3).toString('hex')}_`,
      bus: { kind: 'postgres' },
      ports: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))),
      host: '127.0.0.1',
      quiet: true,
      artifactsDir,
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    await rm(artifactsDir, { recursive: true, force: true });
  });

  pipelineScenarios(() => ({ urls: platform.urls }));
});
