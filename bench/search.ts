// searchFirstPageP95Ms (issue 3): the first page of the MLflow-compatible version search on a
// model with 100,000 versions. Also the search load of the MLflow side-by-side run, so both
// servers are asked exactly the same way.
import { percentile, progress, round } from './stats';

export const SEARCH_REQUESTS = 300;
export const SEARCH_CONCURRENCY = 4;
export const SEARCH_PAGE = 100;

export interface SearchLatency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  /** Versions on the first page of the last answer (SEARCH_PAGE when the model has that many). */
  pageSize: number;
}

/** GET /api/2.0/mlflow/model-versions/search?filter=name='<model>'&max_results=100: first page, default order. */
export function searchUrl(baseUrl: string, model: string): string {
  return `${baseUrl}/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${model}'`)}&max_results=${SEARCH_PAGE}`;
}

/** SEARCH_REQUESTS GETs of the first page over SEARCH_CONCURRENCY concurrent clients (keep-alive). */
export async function measureSearch(baseUrl: string, model: string, label: string): Promise<SearchLatency> {
  const url = searchUrl(baseUrl, model);
  const samples: number[] = [];
  let errors = 0;
  let pageSize = 0;
  let next = 0;
  const worker = async () => {
    while (next < SEARCH_REQUESTS) {
      next++;
      const started = performance.now();
      const response = await fetch(url);
      const text = await response.text();
      samples.push(performance.now() - started);
      if (response.status !== 200) errors++;
      else pageSize = ((JSON.parse(text) as { model_versions?: unknown[] }).model_versions ?? []).length;
    }
  };
  await Promise.all(Array.from({ length: SEARCH_CONCURRENCY }, worker));
  // Mostly errors means a wrong URL or model, not a slow server.
  if (errors > samples.length / 2)
    throw new Error(`search ${label}: ${errors} of ${samples.length} answers were not 200 (${url})`);
  const result = {
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    p99Ms: round(percentile(samples, 99)),
    errors,
    pageSize,
  };
  progress(
    `search ${label}: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, ${errors} errors, ${pageSize} versions per page`,
  );
  return result;
}

/** On the at100k model (run it before point-in-time, which renames that model). */
export async function benchSearchFirstPage(registryUrl: string, model: string) {
  const search = await measureSearch(registryUrl, model, model);
  if (search.pageSize !== SEARCH_PAGE)
    throw new Error(`search on ${model}: expected a full page of ${SEARCH_PAGE}, got ${search.pageSize}`);
  return {
    searchFirstPageP50Ms: search.p50Ms,
    searchFirstPageP95Ms: search.p95Ms,
    searchFirstPageP99Ms: search.p99Ms,
    searchFirstPageErrors: search.errors,
  };
}

export const SEARCH_NOTE =
  `search: on the at100k model (100,000+ versions), ${SEARCH_REQUESTS} GET /api/2.0/mlflow/model-versions/search?filter=name='<model>'&max_results=${SEARCH_PAGE} ` +
  `(first page, default order) over ${SEARCH_CONCURRENCY} concurrent keep-alive clients, timed until the body is read; run before point-in-time (which renames the model).`;
