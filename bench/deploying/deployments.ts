// Deployer figures on the platform under test: replace rollouts per minute (the Valion design
// claims 50/min), and how long a failed canary analysis takes to put all traffic back on stable.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTraffic } from '@ledger/testing';
import { call, Json, ok, until } from '../json-api';

const ONNX = resolve(__dirname, '../../fixtures/onnx');
const bytes = (file: string) => readFileSync(join(ONNX, file));

export interface DeployerUrls {
  registry: string;
  deployer: string;
  serving: string;
}

async function register(urls: DeployerUrls, model: string, file: string): Promise<number> {
  if ((await call(`${urls.registry}/api/v1/models/${model}`, 'GET')).status === 404)
    await ok(`${urls.registry}/api/v1/models`, 'POST', { name: model });
  const { version } = await ok(`${urls.registry}/api/v1/models/${model}/versions`, 'POST', {
    source: `file://${file}`,
  });
  await ok(`${urls.registry}/api/v1/models/${model}/versions/${version}/artifact`, 'PUT', undefined, bytes(file));
  return version;
}

/** Deploys, retrying while the deployer has not yet heard of the version or its artifact from the registry's events. */
async function deploy(urls: DeployerUrls, env: string, model: string, body: object): Promise<string> {
  const url = `${urls.deployer}/api/v1/environments/${env}/models/${model}/deployments`;
  return until(async () => {
    const answer = await call(url, 'POST', body);
    if (answer.status === 202) return answer.body.deploymentId as string;
    // 404: the version not known yet; 409: its artifact not yet (ArtifactAttached follows VersionCreated).
    if (answer.status !== 404 && answer.status !== 409)
      throw new Error(`deploy ${model}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return undefined;
  }, `the deployer to know ${model}`);
}

/** The rollout's phase; 'requested' while the read model has not caught up with the request yet. */
async function phaseOf(urls: DeployerUrls, id: string): Promise<string> {
  const answer = await call(`${urls.deployer}/api/v1/deployments/${id}`, 'GET');
  if (answer.status === 404) return 'requested';
  if (answer.status !== 200) throw new Error(`GET deployment ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.deployment.phase;
}

async function allSucceeded(urls: DeployerUrls, ids: string[]): Promise<void> {
  let waiting = ids;
  await until(async () => {
    const phases = await Promise.all(waiting.map((id) => phaseOf(urls, id)));
    const failed = phases.find((p) => p === 'aborted' || p === 'rolled-back');
    if (failed) throw new Error(`a bench rollout ended ${failed}`);
    waiting = waiting.filter((_, i) => phases[i] !== 'succeeded');
    return waiting.length === 0 ? true : undefined;
  }, `${ids.length} rollouts to succeed`);
}

/**
 * N models rolled out at once with the replace strategy, twice: first versions (load, route), then
 * their second versions (load, shift all traffic, unload the first). The second round is the
 * measured one: a real replace of a serving version, end to end through registry knowledge,
 * the rollout workflow, serving's control plane and its replicas.
 */
export async function benchReplaceRollouts(urls: DeployerUrls, runId: string, models = 30) {
  await ok(`${urls.deployer}/api/v1/environments/bench`, 'PUT', { trigger: { kind: 'manual' } });
  const names = Array.from({ length: models }, (_, i) => `bench-deploy-${runId}-${i}`);
  for (const name of names) await register(urls, name, 'classifier.onnx');
  for (const name of names) await register(urls, name, 'classifier.onnx');
  const round = async (version: number) => {
    const started = Date.now();
    const ids = await Promise.all(names.map((name) => deploy(urls, 'bench', name, { version })));
    await allSucceeded(urls, ids);
    return Date.now() - started;
  };
  const firstMs = await round(1);
  const replaceMs = await round(2);
  for (const name of names) await ok(`${urls.deployer}/api/v1/environments/bench/models/${name}`, 'DELETE');
  return {
    deploymentsPerMin: Math.round((models / replaceMs) * 60_000),
    firstDeploymentsPerMin: Math.round((models / firstMs) * 60_000),
    deploymentsMeasured: models,
  };
}

const INTERVAL_SECONDS = 1;

/**
 * A canary of a model that fails at run time on real rows, under 100 req/s: the analysis fails,
 * the deployer sends all traffic back to stable. Measured from the failed analysis (the event's
 * time) to the last request the canary answered (the load generator's clock, the same machine).
 */
export async function benchAutomaticRollback(urls: DeployerUrls, runId: string) {
  const name = `bench-rollback-${runId}`;
  const v1 = await register(urls, name, 'classifier.onnx');
  await allSucceeded(urls, [await deploy(urls, 'bench', name, { version: v1 })]);
  const row = readFileSync(join(ONNX, 'churn_holdout.csv'), 'utf8').split('\n')[1].split(',').slice(0, 8).map(Number);
  const traffic = startTraffic({
    url: `${urls.serving}/v2/models/${name}/infer`,
    body: { inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: row }] },
    headers: { 'x-ledger-environment': 'bench' },
    ratePerSec: 100,
    concurrency: 32,
  });
  const v2 = await register(urls, name, 'classifier_faulty.onnx');
  const analysis = {
    intervalSeconds: INTERVAL_SECONDS,
    count: 3,
    minRequests: 3,
    inconclusiveLimit: 3,
    maxErrorRate: 0.05,
  };
  const id = await deploy(urls, 'bench', name, {
    version: v2,
    strategy: { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }], analysis },
  });
  await until(async () => ((await phaseOf(urls, id)) === 'rolled-back' ? true : undefined), 'the rollback').catch(
    async (error: Error) => {
      await traffic.stop();
      throw new Error(`${error.message}; the deployment's events: ${await eventsSummary(urls, id)}`);
    },
  );
  // Long enough for any request still routed to the canary to have been answered.
  await new Promise((done) => setTimeout(done, 2_000));
  const report = await traffic.stop();
  const { events } = await ok(`${urls.deployer}/api/v1/deployments/${id}`, 'GET');
  const failed = (events as Json[]).find((e) => e.type === 'AnalysisCompleted' && e.data.phase === 'failed');
  const failedAt = Date.parse(failed.at);
  const canaryAnswers = report.responses.filter((r) => r.version === String(v2));
  const lastCanarySent = Math.max(...canaryAnswers.map((r) => r.sentAt));
  await ok(`${urls.deployer}/api/v1/environments/bench/models/${name}`, 'DELETE');
  return {
    rollbackSeconds: Math.max(0, Math.round((lastCanarySent - failedAt) / 10) / 100),
    analysisIntervalSeconds: INTERVAL_SECONDS,
    rollbackFailedRequestShare:
      Math.round((report.responses.filter((r) => r.status !== 200).length / report.responses.length) * 1000) / 1000,
  };
}

/** What a deployment went through, one short line per event: for a section that timed out. */
async function eventsSummary(urls: DeployerUrls, id: string): Promise<string> {
  const answer = await call(`${urls.deployer}/api/v1/deployments/${id}`, 'GET');
  if (answer.status !== 200) return `GET deployment ${id}: ${answer.status}`;
  const events = (answer.body.events ?? []) as Json[];
  return events.map((e) => `${e.type} ${e.at} ${JSON.stringify(e.data).slice(0, 200)}`).join(' | ');
}

/** The serving bench's model: the classifier in production, replace, one replica per core. */
export async function deployServingBenchModel(urls: DeployerUrls, name: string, replicas: number): Promise<void> {
  const version = await register(urls, name, 'classifier.onnx');
  await allSucceeded(urls, [await deploy(urls, 'production', name, { version, replicas })]);
}
