import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, mintToken } from '@ledger/platform';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { pipelineApi } from './pipelines.fixture';
import { pipelineScenarios } from './pipelines.scenarios';
import { ServiceProcess, serviceProcesses } from './service-processes.fixture';

const SERVICES = ['identity', 'registry', 'validator', 'serving', 'deployer', 'orchestrator'] as const;
type Service = (typeof SERVICES)[number];

/**
 * The whole chain in distributed mode: six processes, each from the env contract with its own
 * database, on Kafka, authentication on. The orchestrator acts as its own service account.
 */
describe('promotion pipelines in distributed mode: six processes on Kafka', () => {
  const processes = serviceProcesses();
  const ports = {} as Record<Service, number>;
  const artifactsDir = mkdtempSync(join(tmpdir(), 'dist-pipelines-'));
  const orchestratorEnv: Record<string, string> = {};
  let orchestrator: ServiceProcess;
  const admin = mintToken();

  const urls = () => Object.fromEntries(SERVICES.map((service) => [service, `http://127.0.0.1:${ports[service]}`]));
  const api = () => pipelineApi({ urls: urls(), token: admin.token });

  beforeAll(async () => {
    for (const service of SERVICES) ports[service] = await freePort();
    const base = (service: Service) => ({
      ...processes.kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl(`distp_${service}`),
      PORT: String(ports[service]),
      ARTIFACTS_DIR: artifactsDir,
    });
    // One after the other: processes creating the topics of a new namespace at once can fail to start.
    await processes.run('identity', {
      ...base('identity'),
      BOOTSTRAP_ADMIN_NAME: 'admin',
      BOOTSTRAP_ADMIN_TOKEN: admin.token,
    });
    for (const service of ['registry', 'validator', 'serving'] as const) await processes.run(service, base(service));
    await processes.run('deployer', {
      ...base('deployer'),
      SERVING_URL: `http://127.0.0.1:${ports.serving}`,
      SERVING_TOKEN: admin.token,
    });
    Object.assign(orchestratorEnv, base('orchestrator'));
    orchestrator = await processes.run('orchestrator', orchestratorEnv);
    // The service account the orchestrator's commands act as (ORCHESTRATOR_ACTOR, default "orchestrator").
    await eventually(() =>
      api().ok('identity', 'POST', '/api/v1/principals', { name: 'orchestrator', kind: 'service', roles: ['admin'] }),
    );
  }, 240_000);
  afterAll(() => processes.stopAll());

  pipelineScenarios(() => ({ urls: urls(), token: admin.token }));

  it('finishes a run after the orchestrator is killed during a wait (SIGKILL): the timer fires once, after the restart', async () => {
    const { ok, prepare, registerScored, runUntil, version } = api();
    await prepare('slowpoke', {
      steps: [
        { id: 'validate', type: 'validate' },
        { id: 'hold', type: 'wait', duration: '3s' },
        { id: 'staging', type: 'transition', stage: 'Staging' },
      ],
    });
    const v1 = await registerScored('slowpoke', 0.9);
    const held = await eventually(
      async () => {
        const [run] = await api().runsOf('slowpoke', v1);
        const { steps } = await ok('orchestrator', 'GET', `/api/v1/runs/${run.runId}`);
        expect(steps.find((s: { stepId: string }) => s.stepId === 'hold')).toMatchObject({ status: 'running' });
        return run;
      },
      { timeoutMs: 60_000 },
    );
    await processes.kill(orchestrator);
    orchestrator = await processes.run('orchestrator', orchestratorEnv);
    await runUntil('slowpoke', v1, 'succeeded');
    expect(await version('slowpoke', v1)).toMatchObject({ stage: 'Staging' });
    const { history, steps } = await ok('orchestrator', 'GET', `/api/v1/runs/${held.runId}`);
    expect(steps.find((s: { stepId: string }) => s.stepId === 'hold')).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    const holdSucceeded = (history as { type: string; data: { stepId?: string } }[]).filter(
      (r) => r.type === 'PipelineStepSucceeded' && r.data.stepId === 'hold',
    );
    expect(holdSucceeded).toHaveLength(1);
  }, 120_000);
});
