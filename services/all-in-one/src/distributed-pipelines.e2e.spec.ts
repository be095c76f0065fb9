import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, mintToken } from '@ledger/platform';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { ServiceProcess, serviceProcesses } from './service-processes.fixture';

const ROOT = resolve(__dirname, '../../..');
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

  const call = async (service: Service, method: string, path: string, body?: unknown, raw?: Buffer) => {
    const response = await fetch(`http://127.0.0.1:${ports[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${admin.token}`,
        ...(raw ? { 'content-type': 'application/octet-stream' } : body ? { 'content-type': 'application/json' } : {}),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const ok = async (service: Service, method: string, path: string, body?: unknown, raw?: Buffer) => {
    const answer = await call(service, method, path, body, raw);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const runOf = async (model: string, version: number) =>
    (await ok('orchestrator', 'GET', `/api/v1/runs?model=${model}&version=${version}`)).runs[0];

  /** A model with its pipeline, a threshold policy, and v1 registered (accuracy 0.9) with the classifier uploaded. */
  async function registered(model: string, steps: unknown[]): Promise<void> {
    await eventually(async () =>
      expect((await call('orchestrator', 'PUT', `/api/v1/pipelines/${model}`, { steps })).status).toBe(200),
    );
    await eventually(async () =>
      expect(
        (
          await call('validator', 'PUT', `/api/v1/validation-policies/${model}`, {
            checks: [{ kind: 'threshold', metric: 'accuracy', threshold: 0.85, greater_is_better: true }],
          })
        ).status,
      ).toBe(200),
    );
    await ok('registry', 'POST', '/api/v1/models', { name: model });
    await ok('registry', 'POST', `/api/v1/models/${model}/versions`, {
      source: 's3://m/1',
      metrics: { accuracy: 0.9 },
    });
    const onnx = readFileSync(join(ROOT, 'fixtures/onnx/classifier.onnx'));
    await ok('registry', 'PUT', `/api/v1/models/${model}/versions/1/artifact`, undefined, onnx);
  }

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
    await eventually(async () =>
      expect(
        (
          await call('identity', 'POST', '/api/v1/principals', {
            name: 'orchestrator',
            kind: 'service',
            roles: ['admin'],
          })
        ).status,
      ).toBe(201),
    );
    await eventually(async () =>
      expect(
        (await call('deployer', 'PUT', '/api/v1/environments/pipeline', { trigger: { kind: 'manual' } })).status,
      ).toBe(200),
    );
  }, 240_000);
  afterAll(() => processes.stopAll());

  it('takes a passing version to Production and serves it, through Kafka alone', async () => {
    await registered('churn', [
      { id: 'validate', type: 'validate' },
      { id: 'production', type: 'transition', stage: 'Production', archiveExisting: true },
      { id: 'rollout', type: 'deploy', environment: 'pipeline', retries: { max: 5, backoff: { initial: '1s' } } },
    ]);
    await eventually(async () => expect(await runOf('churn', 1)).toMatchObject({ status: 'succeeded' }), {
      timeoutMs: 90_000,
    });
    expect(await ok('registry', 'GET', '/api/v1/models/churn/versions/1')).toMatchObject({ stage: 'Production' });
    const row = [2, 10, 4, 1, 5, 15.5, 1.87, 15.1];
    const response = await fetch(`http://127.0.0.1:${ports.serving}/v2/models/churn/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ledger-environment': 'pipeline',
        authorization: `Bearer ${admin.token}`,
      },
      body: JSON.stringify({ inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: row }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ledger-model-version')).toBe('1');
  }, 120_000);

  it('finishes a run after the orchestrator is killed during a wait (SIGKILL): the timer fires once, after the restart', async () => {
    await registered('slowpoke', [
      { id: 'validate', type: 'validate' },
      { id: 'hold', type: 'wait', duration: '3s' },
      { id: 'staging', type: 'transition', stage: 'Staging' },
    ]);
    const held = await eventually(
      async () => {
        const run = await runOf('slowpoke', 1);
        const { steps } = await ok('orchestrator', 'GET', `/api/v1/runs/${run.runId}`);
        expect(steps.find((s: { stepId: string }) => s.stepId === 'hold')).toMatchObject({ status: 'running' });
        return run;
      },
      { timeoutMs: 60_000 },
    );
    await processes.kill(orchestrator);
    orchestrator = await processes.run('orchestrator', orchestratorEnv);
    await eventually(async () => expect(await runOf('slowpoke', 1)).toMatchObject({ status: 'succeeded' }), {
      timeoutMs: 60_000,
    });
    expect(await ok('registry', 'GET', '/api/v1/models/slowpoke/versions/1')).toMatchObject({ stage: 'Staging' });
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
