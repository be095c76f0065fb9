// What the rollout end-to-end specs do through the platform's public HTTP APIs only: register a
// version with a real ONNX artifact on the registry, deploy it on the deployer, read what serving
// answers. Nothing here reaches into a service's database.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually } from '@ledger/testing';
import type { RunningPlatform } from './platform';

const ONNX = resolve(__dirname, '../../../fixtures/onnx');

/** The first holdout row (tenure_months > 0, so the faulty model fails on it) as an OIP v2 request. */
export function churnRequest(): unknown {
  const [, first] = readFileSync(join(ONNX, 'churn_holdout.csv'), 'utf8').split('\n');
  const row = first.split(',').slice(0, 8).map(Number);
  return { inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: row }] };
}

export interface DeploymentView {
  deploymentId: string;
  version: number;
  phase: 'requested' | 'progressing' | 'paused' | 'succeeded' | 'rolled-back' | 'aborted';
  weight: number | null;
  outcomeReason: string | null;
}

export function platformApi(platform: RunningPlatform) {
  const call = async (service: string, method: string, path: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${platform.urls[service]}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const ok = async (service: string, method: string, path: string, body?: unknown) => {
    const answer = await call(service, method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    call,
    ok,
    /** A new version of `model` (created on first use) with fixtures/onnx/<file> uploaded as its artifact. */
    async register(model: string, file: string): Promise<number> {
      if ((await call('registry', 'GET', `/api/v1/models/${model}`)).status === 404)
        await ok('registry', 'POST', '/api/v1/models', { name: model });
      const { version } = await ok('registry', 'POST', `/api/v1/models/${model}/versions`, {
        source: `file://${file}`,
      });
      const upload = await fetch(`${platform.urls.registry}/api/v1/models/${model}/versions/${version}/artifact`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: readFileSync(join(ONNX, file)),
      });
      if (upload.status !== 201) throw new Error(`artifact upload: ${upload.status} ${await upload.text()}`);
      return version;
    },
    /** Deploys once the deployer has heard of the version's artifact (from the registry's events). */
    async deploy(environment: string, model: string, body: Record<string, unknown>): Promise<string> {
      const path = `/api/v1/environments/${environment}/models/${model}/deployments`;
      const answer = await eventually(async () => {
        const tried = await call('deployer', 'POST', path, body);
        expect(tried.status).toBe(202);
        return tried.body as { deploymentId: string };
      });
      return answer.deploymentId;
    },
    deployment: async (id: string) =>
      ((await ok('deployer', 'GET', `/api/v1/deployments/${id}`)) as { deployment: DeploymentView }).deployment,
    /** Waits until the rollout reaches `phase`, failing at once if it ends otherwise. */
    async until(id: string, phase: DeploymentView['phase'], timeoutMs = 60_000): Promise<DeploymentView> {
      return eventually(
        async () => {
          const deployment = (await ok('deployer', 'GET', `/api/v1/deployments/${id}`)).deployment as DeploymentView;
          expect({ phase: deployment.phase, reason: deployment.outcomeReason }).toMatchObject({ phase });
          return deployment;
        },
        { timeoutMs },
      );
    },
    inferUrl: (model: string) => `${platform.urls.serving}/v2/models/${model}/infer`,
    /** Which versions serving holds for the model in the environment, as its control plane reports them. */
    async held(environment: string, model: string): Promise<{ version: number; replicas: number | null }[]> {
      const body = (await ok('serving', 'GET', `/api/v1/serving?environment=${environment}`)) as {
        models: { name: string; versions: { version: number; runtime: { replicas: number } | null }[] }[];
      };
      const found = body.models.find((m) => m.name === model);
      return (found?.versions ?? [])
        .filter((v) => v.runtime !== null)
        .map((v) => ({ version: v.version, replicas: v.runtime?.replicas ?? null }));
    },
  };
}
