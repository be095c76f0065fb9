// Orchestrator figures on the platform under test (issue 10): how long a registration takes to
// reach Production through a pipeline (validate → Production → replace rollout, no gate, over
// Kafka), and 200 versions across 20 models promoted at once — every expected transition once.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Json, ok, until } from '../json-api';
import { percentile, progress, round, sleep } from '../stats';

export interface PromotionUrls {
  registry: string;
  validator: string;
  deployer: string;
  orchestrator: string;
}

export const LATENCY_MODELS = 1;
export const LATENCY_VERSIONS = 60;
export const WARM_UP_PROMOTIONS = 1;
export const CONCURRENT_MODELS = 20;
export const CONCURRENT_VERSIONS = 10;
export const HOLD_SECONDS = 3;

/** The model with its pipeline and a threshold-only policy (accuracy ≥ 0.8), and v1 holding the classifier. */
async function prepare(urls: PromotionUrls, model: string, pipeline: object): Promise<Json> {
  await ok(`${urls.registry}/api/v1/models`, 'POST', { name: model });
  await ok(`${urls.orchestrator}/api/v1/pipelines/${model}`, 'PUT', pipeline);
  await ok(`${urls.validator}/api/v1/validation-policies/${model}`, 'PUT', {
    checks: [{ id: 'accuracy', kind: 'threshold', metric: 'accuracy', threshold: 0.8, greater_is_better: true }],
  });
}

const onnx = () => readFileSync(resolve(__dirname, '../../fixtures/onnx/classifier.onnx'));

/** Registers a version declaring an artifact already in the store (its digest known): the deploy never waits for an upload. */
async function register(urls: PromotionUrls, model: string, artifact: Json): Promise<number> {
  const body = { source: 's3://bench/classifier', metrics: { accuracy: 0.9 }, ...(artifact ? { artifact } : {}) };
  return (await ok(`${urls.registry}/api/v1/models/${model}/versions`, 'POST', body)).version as number;
}

async function runStatus(urls: PromotionUrls, model: string, version: number): Promise<Json | undefined> {
  const { runs } = await ok(`${urls.orchestrator}/api/v1/runs?model=${model}&version=${version}`, 'GET');
  const run = runs[0];
  if (run?.status === 'failed' || run?.status === 'cancelled')
    throw new Error(`run of ${model} v${version} ${run.status}: ${run.reason}`);
  return run?.status === 'succeeded' ? run : undefined;
}

/** Register → the run succeeded (in Production and serving), one registration at a time per model. */
export async function benchPromotionLatency(urls: PromotionUrls, runId: string) {
  await ok(`${urls.deployer}/api/v1/environments/bench-promote`, 'PUT', { trigger: { kind: 'manual' } });
  const pipeline = {
    maxConcurrentRuns: 10,
    steps: [
      { id: 'validate', type: 'validate' },
      { id: 'production', type: 'transition', stage: 'Production', archiveExisting: true },
      { id: 'rollout', type: 'deploy', environment: 'bench-promote', strategy: { kind: 'replace' } },
    ],
  };
  const models = Array.from({ length: LATENCY_MODELS }, (_, i) => `bench-promote-${runId}-${i}`);
  const latencies: number[] = [];
  let slowest = { ms: 0, model: '', version: 0 };
  await Promise.all(
    models.map(async (model) => {
      await prepare(urls, model, pipeline);
      // v1, untimed: its artifact uploaded after the registration (its run retries nothing: it waits in the validator).
      const artifact = await ok(`${urls.registry}/api/v1/models/${model}/versions`, 'POST', { source: 's3://x' }).then(
        (v) => ok(`${urls.registry}/api/v1/models/${model}/versions/${v.version}/artifact`, 'PUT', undefined, onnx()),
      );
      // One untimed promotion first: otherwise the first sample also waits for every service to
      // digest the model's setup and serving's first load of the classifier (over 1 s, always the max).
      for (let i = -WARM_UP_PROMOTIONS; i < LATENCY_VERSIONS; i++) {
        const started = performance.now();
        const version = await register(urls, model, artifact);
        await until(() => runStatus(urls, model, version), `${model} v${version} promoted`, { pollMs: 2 });
        const ms = performance.now() - started;
        if (i >= 0) latencies.push(ms);
        if (i >= 0 && ms > slowest.ms) slowest = { ms, model, version };
      }
    }),
  );
  for (const model of models) await ok(`${urls.deployer}/api/v1/environments/bench-promote/models/${model}`, 'DELETE');
  const slowestTimeline = await timelineOf(urls.orchestrator, slowest.model, slowest.version);
  progress(
    `promotion: ${latencies.length} registrations → Production, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; the slowest (${slowest.ms.toFixed(0)} ms): ${slowestTimeline}`,
  );
  return {
    promotionP50Ms: round(percentile(latencies, 50)),
    promotionP99Ms: round(percentile(latencies, 99)),
    promotionSamples: latencies.length,
    promotionSlowestMs: round(slowest.ms),
    promotionSlowestTimeline: slowestTimeline,
  };
}

/**
 * A version's cross-service timeline in one line: each event at the time its service recorded it,
 * in ms after the registration — where one promotion's time went.
 */
export async function timelineOf(orchestratorUrl: string, model: string, version: number): Promise<string> {
  const { events } = await ok(`${orchestratorUrl}/api/v1/models/${model}/versions/${version}/timeline`, 'GET');
  const start = Date.parse(events[0].occurredAt);
  return (events as Json[]).map((e) => `${Date.parse(e.occurredAt) - start} ${e.service} ${e.type}`).join('; ');
}

/** How many times each version of the model moved to `stage`, from the registry's audit timeline. */
async function transitionsTo(urls: PromotionUrls, model: string, stage: string): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  let after = 0;
  for (;;) {
    const page = await ok(`${urls.registry}/api/v1/models/${model}/audit?after=${after}&limit=1000`, 'GET');
    for (const event of page.events as Json[])
      if (event.type === 'VersionStageTransitioned' && event.data.to === stage)
        counts.set(event.data.version, (counts.get(event.data.version) ?? 0) + 1);
    if (page.nextAfter === null) return counts;
    after = page.nextAfter;
  }
}

/** 200 versions over 20 models at once: runs held at the same time, then every transition counted. */
async function concurrentRound(urls: PromotionUrls, label: string, holdSeconds: number) {
  const steps = [
    { id: 'validate', type: 'validate' },
    ...(holdSeconds > 0 ? [{ id: 'hold', type: 'wait', duration: `${holdSeconds}s` }] : []),
    { id: 'staging', type: 'transition', stage: 'Staging' },
  ];
  const pipeline = { maxConcurrentRuns: CONCURRENT_VERSIONS, supersede: false, steps };
  const models = Array.from({ length: CONCURRENT_MODELS }, (_, i) => `${label}-${i}`);
  for (const model of models) await prepare(urls, model, pipeline);
  let held = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { runsByStatus } = await ok(`${urls.orchestrator}/api/v1/pipelines/metrics`, 'GET');
      held = Math.max(held, (runsByStatus.running ?? 0) + (runsByStatus.waiting ?? 0));
      await sleep(50);
    }
  })();
  const started = performance.now();
  const registered = await Promise.all(
    models.map(async (model) => {
      const versions: number[] = [];
      for (let i = 0; i < CONCURRENT_VERSIONS; i++) versions.push(await register(urls, model, null));
      return { model, versions };
    }),
  );
  for (const { model, versions } of registered)
    for (const version of versions)
      await until(() => runStatus(urls, model, version), `${model} v${version}`, { timeoutMs: 600_000 });
  const elapsedMs = performance.now() - started;
  sampling = false;
  await sampler;
  let observed = 0;
  let duplicated = 0;
  for (const { model, versions } of registered) {
    const counts = await transitionsTo(urls, model, 'Staging');
    for (const version of versions) {
      const n = counts.get(version) ?? 0;
      if (n > 0) observed++;
      duplicated += Math.max(0, n - 1);
    }
  }
  return { expected: models.length * CONCURRENT_VERSIONS, observed, duplicated, held, elapsedMs };
}

/** The held round (a hold step keeps every run alive at once) and the throughput round (no hold). */
export async function benchConcurrentPromotions(urls: PromotionUrls, runId: string) {
  const heldRound = await concurrentRound(urls, `bench-held-${runId}`, HOLD_SECONDS);
  const fastRound = await concurrentRound(urls, `bench-burst-${runId}`, 0);
  const expected = heldRound.expected + fastRound.expected;
  progress(
    `promotions: held ${heldRound.held} runs at once; ${fastRound.expected} promotions in ${(fastRound.elapsedMs / 1000).toFixed(1)} s; ` +
      `${heldRound.observed + fastRound.observed}/${expected} transitions, ${heldRound.duplicated + fastRound.duplicated} duplicated`,
  );
  return {
    promotionsExpected: expected,
    promotionsObserved: heldRound.observed + fastRound.observed,
    promotionsDuplicated: heldRound.duplicated + fastRound.duplicated,
    promotionsPerSec: round((fastRound.expected / fastRound.elapsedMs) * 1000, 1),
    concurrentRunsHeld: heldRound.held,
  };
}

export const PROMOTION_NOTE =
  `promotion: ${LATENCY_VERSIONS} registrations of one model, one after another, after ${WARM_UP_PROMOTIONS} untimed one (latency, not load: the concurrent round below is the load), from just before the POST until GET /api/v1/runs says the version's run succeeded (polled every 2 ms): ` +
  'pipeline validate (threshold-only policy, accuracy >= 0.8) → Production (archiving the previous) → replace rollout in serving, over the relay, Kafka and the four services; each version declares the classifier already in the store. promotionSlowestTimeline: the cross-service timeline of the slowest sample (ms after its registration, service, event, each at the time its service recorded it). ' +
  `promotions: ${CONCURRENT_MODELS} models x ${CONCURRENT_VERSIONS} versions registered at once, twice: with a ${HOLD_SECONDS} s wait step between validate and Staging (concurrentRunsHeld = the most runs running or waiting at once in GET /api/v1/pipelines/metrics, sampled every 50 ms), then without it (promotionsPerSec = versions / time from the first POST until every run succeeded); ` +
  'promotionsObserved / promotionsDuplicated count VersionStageTransitioned to Staging per version in the registry audit timeline (each expected exactly once).';
