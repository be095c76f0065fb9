// What the pipeline end-to-end specs do through the platform's public HTTP APIs only: define a
// model's pipeline and validation policy, register versions, read runs, stages, aliases and the
// timeline. Nothing here reaches into a service's database.
import { eventually } from '@ledger/testing';
import type { RunningPlatform } from './platform';
import { churnRequest, platformApi } from './rollouts.fixture';

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

export function pipelineApi(platform: RunningPlatform) {
  const api = platformApi(platform);
  const runsOf = async (model: string, version?: number): Promise<RunView[]> => {
    const query = `model=${model}${version === undefined ? '' : `&version=${version}`}`;
    return (await api.ok('orchestrator', 'GET', `/api/v1/runs?${query}`)).runs as RunView[];
  };
  return {
    ...api,
    runsOf,
    /** The model's pipeline and a threshold-only validation policy (accuracy ≥ 0.85, blocking). */
    async prepare(model: string, definition: unknown): Promise<void> {
      await api.ok('orchestrator', 'PUT', `/api/v1/pipelines/${model}`, definition);
      await api.ok('validator', 'PUT', `/api/v1/validation-policies/${model}`, {
        checks: [{ id: 'accuracy', kind: 'threshold', metric: 'accuracy', threshold: 0.85, greater_is_better: true }],
      });
    },
    /** A version with this accuracy and the classifier as its artifact (uploaded after the registration, as clients do). */
    async registerScored(model: string, accuracy: number): Promise<number> {
      if ((await api.call('registry', 'GET', `/api/v1/models/${model}`)).status === 404)
        await api.ok('registry', 'POST', '/api/v1/models', { name: model });
      const { version } = await api.ok('registry', 'POST', `/api/v1/models/${model}/versions`, {
        source: 'file://classifier.onnx',
        metrics: { accuracy },
      });
      const upload = await fetch(`${platform.urls.registry}/api/v1/models/${model}/versions/${version}/artifact`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: (await import('node:fs')).readFileSync(`${__dirname}/../../../fixtures/onnx/classifier.onnx`),
      });
      if (upload.status !== 201) throw new Error(`artifact upload: ${upload.status} ${await upload.text()}`);
      return version;
    },
    /** The version's only run, once it ends (or reaches `status`); fails at once if it ends otherwise. */
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
      (await api.ok('orchestrator', 'GET', `/api/v1/runs/${runId}`)).steps as StepView[],
    version: async (model: string, version: number): Promise<{ stage: string; aliases: string[] }> =>
      api.ok('registry', 'GET', `/api/v1/models/${model}/versions/${version}`),
    timeline: async (model: string, version: number): Promise<TimelineRow[]> =>
      (await api.ok('orchestrator', 'GET', `/api/v1/models/${model}/versions/${version}/timeline`)).events,
    /** Which version serving answers the model with in the environment. */
    async servedVersion(model: string, environment: string): Promise<string | null> {
      const response = await fetch(api.inferUrl(model), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-environment': environment },
        body: JSON.stringify(churnRequest()),
      });
      return response.status === 200 ? response.headers.get('x-ledger-model-version') : null;
    },
  };
}
