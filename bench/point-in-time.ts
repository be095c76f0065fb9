// pointInTimeP95Ms (issue 3): `?asOf=` reads on a model with a long history, answered from the
// log. Builds a history on the given model (alias moves, stage transitions with archiving, a
// rename, tags), recording an instant after each step, then asks the four point-in-time reads
// at those instants and reports latency percentiles. Run it on the at100k model so the stream
// holds 100,000+ events.
import { percentile, progress, round } from './stats';

export const PIT_STEPS = 40;
export const PIT_REQUESTS = 800;
export const PIT_CONCURRENCY = 4;
const HEADERS = { 'content-type': 'application/json' };

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function step(url: string, method: string, body?: unknown): Promise<void> {
  const { status, json } = await call(url, method, body);
  if (status >= 300) throw new Error(`point-in-time setup ${method} ${url}: HTTP ${status} ${JSON.stringify(json)}`);
}

/** After the step's events: waits for the millisecond clock to move so each instant separates two steps. */
async function instant(): Promise<string> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((resolve) => setImmediate(resolve));
  return new Date(now).toISOString();
}

/** `model` must exist with at least one version (e.g. the at100k model); it is renamed once (to `<model>-pit`) and left renamed. */
export async function benchPointInTime(registryUrl: string, model: string) {
  const base = (name: string) => `${registryUrl}/api/v1/models/${encodeURIComponent(name)}`;
  const { json } = await call(base(model));
  const latest = (json as { latestVersion: number | null }).latestVersion ?? 0;
  if (latest < 1) throw new Error(`point-in-time bench: model ${model} has no versions`);
  const pickVersion = (i: number) => 1 + ((i * 7919) % latest);
  progress(`point-in-time: building ${PIT_STEPS} steps of history on ${model} (${latest} versions)`);
  const instants: { asOf: string; name: string }[] = [];
  let name = model;
  for (let i = 0; i < PIT_STEPS; i++) {
    const version = pickVersion(i);
    if (i === PIT_STEPS / 2) {
      await step(base(name), 'PATCH', { name: `${model}-pit` });
      name = `${model}-pit`;
    } else if (i % 3 === 0) await step(`${base(name)}/aliases/champion`, 'PUT', { version });
    else if (i % 3 === 1)
      await step(`${base(name)}/versions/${version}/stage`, 'POST', {
        stage: i % 2 ? 'Production' : 'Staging',
        archiveExistingVersions: true,
      });
    else await step(`${base(name)}/versions/${version}/tags/pit`, 'PUT', { value: String(i) });
    instants.push({ asOf: await instant(), name });
  }
  const reads = [
    (n: string) => base(n),
    (n: string, i: number) => `${base(n)}/versions/${pickVersion(i)}`,
    (n: string) => `${base(n)}/aliases/champion`,
    (n: string) => `${base(n)}/latest`,
  ];
  const labels = ['model', 'version', 'alias', 'latestPerStage'];
  const samples: number[][] = reads.map(() => []);
  let errors = 0;
  let notFound = 0;
  let next = 0;
  const worker = async () => {
    while (next < PIT_REQUESTS) {
      const i = next++;
      const at = instants[(i * 31) % instants.length];
      const url = `${reads[i % reads.length](at.name, i)}?asOf=${encodeURIComponent(at.asOf)}`;
      const started = performance.now();
      const { status } = await call(url);
      samples[i % reads.length].push(performance.now() - started);
      if (status === 404) notFound++;
      else if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: PIT_CONCURRENCY }, worker));
  const all = samples.flat();
  return {
    pointInTimeP50Ms: round(percentile(all, 50)),
    pointInTimeP95Ms: round(percentile(all, 95)),
    pointInTimeP99Ms: round(percentile(all, 99)),
    pointInTimeP95MsByRead: Object.fromEntries(labels.map((label, i) => [label, round(percentile(samples[i], 95))])),
    pointInTimeErrors: errors,
    /** Answers "did not exist then" (e.g. the alias before its first move): fast, so worth knowing how many. */
    pointInTimeNotFound: notFound,
    pointInTimeModelVersions: latest,
  };
}

export const POINT_IN_TIME_NOTE =
  `pointInTime: on the at100k model, ${PIT_STEPS} history steps (alias moves, stage transitions with archive_existing_versions, version tags, one rename), an instant recorded after each; ` +
  `then ${PIT_REQUESTS} GETs with ?asOf= (get-model, get-version, get-by-alias, latest-per-stage in turn, at those instants, by the name the model had then) over ${PIT_CONCURRENCY} concurrent clients; ` +
  'each answer folds only the events that shape it (indexed by stream, type and version), so latency does not grow with the number of versions.';
