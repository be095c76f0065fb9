import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, mintToken } from '@ledger/platform';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { ServiceProcess, serviceProcesses } from './service-processes.fixture';

const ROOT = resolve(__dirname, '../../..');

/**
 * Distributed mode (DESIGN.md §4): each service its own process, configured only by the env
 * contract (deploy/env-contract.json), with its own database, talking over Kafka.
 */
describe('distributed mode: identity, registry, validator, serving and deployer as separate processes on Kafka', () => {
  const processes = serviceProcesses();
  const { run, kafkaEnv } = processes;
  const ports = { registry: 0, validator: 0, identity: 0, serving: 0, deployer: 0 };
  // The registry writes uploaded artifacts here and serving reads them (a shared volume in compose and k8s).
  const artifactsDir = mkdtempSync(join(tmpdir(), 'dist-artifacts-'));
  const deployerDatabase = freshDatabaseUrl('dist_deployer');
  const deployerEnv: Record<string, string> = {};
  let deployer: ServiceProcess;

  // The identity service's first admin: every other process learns its token from ml.identity.events.
  const admin = mintToken();
  const auth = { authorization: `Bearer ${admin.token}` };

  beforeAll(async () => {
    ports.registry = await freePort();
    ports.validator = await freePort();
    ports.identity = await freePort();
    ports.serving = await freePort();
    ports.deployer = await freePort();
    Object.assign(deployerEnv, {
      ...kafkaEnv(),
      DATABASE_URL: deployerDatabase,
      PORT: String(ports.deployer),
      SERVING_URL: `http://127.0.0.1:${ports.serving}`,
      SERVING_TOKEN: admin.token,
    });
    // One after the other: processes creating the topics of a new namespace at once can fail to start.
    await run('identity', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_identity'),
      PORT: String(ports.identity),
      BOOTSTRAP_ADMIN_NAME: 'admin',
      BOOTSTRAP_ADMIN_TOKEN: admin.token,
    });
    await run('registry', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_registry'),
      PORT: String(ports.registry),
      ARTIFACTS_DIR: artifactsDir,
    });
    await run('validator', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_validator'),
      PORT: String(ports.validator),
      ARTIFACTS_DIR: artifactsDir,
    });
    await run('serving', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_serving'),
      PORT: String(ports.serving),
      ARTIFACTS_DIR: artifactsDir,
    });
    deployer = await run('deployer', deployerEnv);
  }, 180_000);
  afterAll(() => processes.stopAll());

  it('carries a registered version from the registry process to the validator process, authenticated by the identity process', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
      fetch(`http://127.0.0.1:${ports.registry}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post('/api/v1/models', { name: 'fraud' }, {})).status).toBe(401);
    // The registry knows the admin's token once the identity process's event has reached it.
    await eventually(async () => expect((await post('/api/v1/models', { name: 'fraud' })).status).toBe(201));
    expect((await post('/api/v1/models/fraud/versions', { source: 's3://m/fraud/1' })).status).toBe(201);
    await eventually(async () => {
      const body = (await (
        await fetch(`http://127.0.0.1:${ports.validator}/api/v1/validations/pending?model=fraud`, { headers: auth })
      ).json()) as {
        versions: { version: number; source: string }[];
      };
      expect(body.versions).toMatchObject([{ version: 1, source: 's3://m/fraud/1' }]);
    });
    for (const port of Object.values(ports)) {
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toMatchObject({ status: 'ok' });
    }
  });

  it('rolls the new champion out to production and serves its predictions, through Kafka alone', async () => {
    const registry = `http://127.0.0.1:${ports.registry}`;
    const json = (body: unknown) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    await eventually(async () =>
      expect((await fetch(`${registry}/api/v1/models`, json({ name: 'churn' }))).status).toBe(201),
    );
    expect((await fetch(`${registry}/api/v1/models/churn/versions`, json({ source: 's3://m/churn/1' }))).status).toBe(
      201,
    );
    const upload = await fetch(`${registry}/api/v1/models/churn/versions/1/artifact`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', ...auth },
      body: readFileSync(join(ROOT, 'fixtures/onnx/classifier.onnx')),
    });
    expect(upload.status).toBe(201);
    const alias = await fetch(`${registry}/api/v1/models/churn/aliases/champion`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ version: 1 }),
    });
    expect(alias.status).toBe(200);
    // The deployer's default policy rolls @champion out to production; serving's default environment is production.
    const row = [2, 10, 4, 1, 5, 15.5, 1.87, 15.1];
    const answer = await eventually(
      async () => {
        const response = await fetch(`http://127.0.0.1:${ports.serving}/v2/models/churn/infer`, {
          ...json({ inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: row }] }),
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('x-ledger-model-version')).toBe('1');
        return (await response.json()) as { outputs: { name: string; data: number[] }[] };
      },
      { timeoutMs: 60_000 },
    );
    expect(answer.outputs.find((o) => o.name === 'label')?.data).toHaveLength(1);
    const info = await fetch(`http://127.0.0.1:${ports.deployer}/api/v1/environments/production/models/churn/info`, {
      headers: auth,
    });
    expect(info.status).toBe(200);
  }, 120_000);

  it('finishes a rollout after the deployer process is killed in the middle of it (SIGKILL), from its log', async () => {
    const registry = `http://127.0.0.1:${ports.registry}`;
    const deployerUrl = () => `http://127.0.0.1:${ports.deployer}`;
    const send = (url: string, method: string, body: unknown, type = 'application/json') =>
      fetch(url, {
        method,
        headers: { 'content-type': type, ...auth },
        body: type === 'application/json' ? JSON.stringify(body) : (body as Buffer),
      });
    expect((await send(`${registry}/api/v1/models/churn/versions`, 'POST', { source: 's3://m/churn/2' })).status).toBe(
      201,
    );
    const file = readFileSync(join(ROOT, 'fixtures/onnx/classifier_slow.onnx'));
    expect(
      (await send(`${registry}/api/v1/models/churn/versions/2/artifact`, 'PUT', file, 'application/octet-stream'))
        .status,
    ).toBe(201);
    // Half the traffic for 4 seconds, then the rest: the deployer dies while the pause's timer runs.
    const strategy = { kind: 'canary', steps: [{ weight: 50, pause: { seconds: 4 } }] };
    const deploymentId = await eventually(async () => {
      const response = await send(`${deployerUrl()}/api/v1/environments/production/models/churn/deployments`, 'POST', {
        version: 2,
        strategy,
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { deploymentId: string }).deploymentId;
    });
    const rollout = async () =>
      (
        (await (await fetch(`${deployerUrl()}/api/v1/deployments/${deploymentId}`, { headers: auth })).json()) as {
          deployment: { phase: string; weight: number | null };
        }
      ).deployment;
    await eventually(async () => expect(await rollout()).toMatchObject({ phase: 'progressing', weight: 50 }), {
      timeoutMs: 60_000,
    });
    await processes.kill(deployer);
    deployer = await run('deployer', deployerEnv);
    await eventually(async () => expect(await rollout()).toMatchObject({ phase: 'succeeded' }), { timeoutMs: 60_000 });
    // Serving applies the last table a moment after the deployer decided it.
    await eventually(async () => {
      const answer = await send(`http://127.0.0.1:${ports.serving}/v2/models/churn/infer`, 'POST', {
        inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: [2, 10, 4, 1, 5, 15.5, 1.87, 15.1] }],
      });
      expect(answer.headers.get('x-ledger-model-version')).toBe('2');
    });
  }, 180_000);

  it('stops on SIGTERM with exit code 0', async () => {
    const codes = await processes.stopAll();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toEqual(codes.map(() => 0));
  });

  it('refuses to start without its required environment, naming what is missing', async () => {
    await expect(
      run('registry', { BUS: 'kafka', DATABASE_URL: freshDatabaseUrl('dist_missing'), KAFKA_BROKERS: '' }),
    ).rejects.toThrow(/exited with 1: .*KAFKA_BROKERS is required when BUS=kafka/s);
  });
});
