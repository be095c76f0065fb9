// What the pipeline end-to-end specs do through the platform's public HTTP APIs only: define a
// model's pipeline and validation policy, register versions, read runs, stages, aliases and the
// timeline. Nothing here reaches into a service's database. The same on the embedded platform
// and on separate processes (a token when authentication is on).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually } from '@ledger/testing';
import { churnRequest } from './rollouts.fixture';

const CLASSIFIER = resolve(__dirname, '../../../fixtures/onnx/classifier.onnx');

export interface PipelineTarget {
  urls: Record<string, string>;
  /** An admin's API token, when the services authenticate. */
  token?: string;
}

export interface RunView {
  runId: string;
  version: number;
  status: 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
  trigger: { kind: string; id: string };
  failedStep: string | null;
  reason: string | null;
}
export interface StepView {
  stepId: string;
  status: string;
  attempts: number;
  lastReason: string | null;
}
export interface TimelineRow {
  service: string;
  type: string;
  correlationId: string | null;
}

export function pipelineApi(target: PipelineTarget) {
  const auth: Record<string, string> = target.token ? { authorization: `Bearer ${target.token}` } : {};
  const call = async (service: string, method: string, path: string, body?: unknown, raw?: Buffer) => {
    const type = raw ? 'application/octet-stream' : body === undefined ? undefined : 'application/json';
    const response = await fetch(`${target.urls[service]}${path}`, {
      method,
      headers: { ...auth, ...(type ? { 'content-type': type } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const ok = async (service: string, method: string, path: string, body?: unknown, raw?: Buffer) => {
    const answer = await call(service, method, path, body, raw);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const runsOf = async (model: string, version?: number): Promise<RunView[]> => {
    const query = `model=${model}${version === undefined ? '' : `&version=${version}`}`;
    return (await ok('orchestrator', 'GET', `/api/v1/runs?${query}`)).runs as RunView[];
  };
  return {
    call,
    ok,
    runsOf,
    /** The model's pipeline and a threshold-only validation policy (accuracy ≥ 0.85, blocking). */
    async prepare(model: string, definition: unknown): Promise<void> {
      // Distributed, a service learns the admin's token from identity's events: the first calls may wait for it.
      await eventually(() => ok('orchestrator', 'PUT', `/api/v1/pipelines/${model}`, definition));
      await eventually(() =>
        ok('validator', 'PUT', `/api/v1/validation-policies/${model}`, {
          checks: [{ id: 'accuracy', kind: 'threshold', metric: 'accuracy', threshold: 0.85, greater_is_better: true }],
        }),
      );
    },
    /** A version with this accuracy and the classifier as its artifact (uploaded after the registration, as clients do). */
    async registerScored(model: string, accuracy: number): Promise<number> {
      if ((await call('registry', 'GET', `/api/v1/models/${model}`)).status === 404)
        await ok('registry', 'POST', '/api/v1/models', { name: model });
      const body = { source: 'file://classifier.onnx', metrics: { accuracy } };
      const { version } = await ok('registry', 'POST', `/api/v1/models/${model}/versions`, body);
      await ok(
        'registry',
        'PUT',
        `/api/v1/models/${model}/versions/${version}/artifact`,
        undefined,
        readFileSync(CLASSIFIER),
      );
      return version;
    },
    /** The version's only run, once it reaches `status`. */
    async runUntil(model: string, version: number, status: RunView['status'], timeoutMs = 60_000): Promise<RunView> {
      return eventually(
        async () => {
          const runs = await runsOf(model, version);
          expect(runs).toHaveLength(1);
          expect({ status: runs[0].status, reason: runs[0].reason }).toMatchObject({ status });
          return runs[0];
        },
        { timeoutMs },
      );
    },
    steps: async (runId: string): Promise<StepView[]> =>
      (await ok('orchestrator', 'GET', `/api/v1/runs/${runId}`)).steps as StepView[],
    version: async (model: string, version: number): Promise<{ stage: string; aliases: string[] }> =>
      ok('registry', 'GET', `/api/v1/models/${model}/versions/${version}`),
    timeline: async (model: string, version: number): Promise<TimelineRow[]> =>
      (await ok('orchestrator', 'GET', `/api/v1/models/${model}/versions/${version}/timeline`)).events,
    /** Which version serving answers the model with in the environment. */
    async servedVersion(model: string, environment: string): Promise<string | null> {
      const response = await fetch(`${target.urls.serving}/v2/models/${model}/infer`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'x-ledger-environment': environment },
        body: JSON.stringify(churnRequest()),
      });
      return response.status === 200 ? response.headers.get('x-ledger-model-version') : null;
    },
  };
}
