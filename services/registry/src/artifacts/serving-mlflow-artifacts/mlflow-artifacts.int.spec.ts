import { randomBytes } from 'node:crypto';
import { chmod, open } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { contentPath, sha256Of } from '@ledger/blobs';
import { ArtifactsUnderTest, startArtifactsRegistry } from '../artifacts.harness';
import { tarArchive, tarEntry } from './tar.fixtures';

const octets = { 'content-type': 'application/octet-stream' };
const ROUTES = '/api/2.0/mlflow-artifacts/artifacts';

// What `mlflow.sklearn.save_model` leaves in a directory, tarred as `tar czf model.tar.gz -C dir .`.
const MLMODEL = 'flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n';
const PICKLE = randomBytes(3000);
const MODEL_DIR = tarArchive(
  tarEntry('./', '', '5'),
  tarEntry('./MLmodel', MLMODEL),
  tarEntry('./model.pkl', PICKLE),
  tarEntry('./env/requirements.txt', 'scikit-learn==1.9.1\n'),
);

describe("MLflow's artifact proxy routes over a version's uploaded files", () => {
  let t: ArtifactsUnderTest;
  let logged: jest.SpyInstance;
  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_mlflow_artifacts');
  });
  afterAll(() => t.close());
  beforeEach(() => (logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => logged.mockRestore());

  /** Registers a version, uploads the bytes and answers where MLflow's client is sent for them. */
  async function uploaded(model: string, content: Buffer): Promise<{ version: number; root: string }> {
    const version = await t.createVersion(model, 's3://elsewhere/model');
    expect((await t.send('PUT', `/api/v1/models/${model}/versions/${version}/artifact`, content, octets)).status).toBe(
      201,
    );
    const answer = await t.send(
      'GET',
      `/api/2.0/mlflow/model-versions/get-download-uri?name=${model}&version=${version}`,
    );
    const uri: string = t.json(answer).artifact_uri;
    return { version, root: uri.slice(uri.indexOf(ROUTES) + ROUTES.length + 1) };
  }
  const list = async (path: string) => t.json(await t.send('GET', `${ROUTES}?path=${encodeURIComponent(path)}`));

  it('shows the uploaded artifact on the version and sends MLflow clients to the artifact routes', async () => {
    const { version } = await uploaded('shown', MODEL_DIR);
    const view = t.json(await t.send('GET', `/api/v1/models/shown/versions/${version}`));
    expect(view.artifact).toEqual({
      sha256: sha256Of(MODEL_DIR),
      sizeBytes: MODEL_DIR.length,
      uri: expect.any(String),
    });
    expect(view.artifactUploadedAt).toEqual(expect.any(String));
    const answer = await t.send('GET', `/api/2.0/mlflow/model-versions/get-download-uri?name=shown&version=${version}`);
    expect(t.json(answer).artifact_uri).toBe(`${t.registry.url}${ROUTES}/models/${view.modelId}/versions/${version}`);
  });

  it('keeps the declared source for a version whose files were not uploaded', async () => {
    const version = await t.createVersion('declared', 's3://bucket/churn/1');
    const answer = await t.send(
      'GET',
      `/api/2.0/mlflow/model-versions/get-download-uri?name=declared&version=${version}`,
    );
    expect(t.json(answer).artifact_uri).toBe('s3://bucket/churn/1');
  });

  it.each([
    ['a tar archive', MODEL_DIR],
    ['a tar.gz archive', gzipSync(MODEL_DIR)],
  ])('lists and serves the files of %s, byte for byte', async (_, content) => {
    const { root } = await uploaded(`dir-${content.length}`, content);
    expect(await list(root)).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: MLMODEL.length },
        { path: 'env', is_dir: true },
        { path: 'model.pkl', is_dir: false, file_size: PICKLE.length },
      ],
    });
    expect(await list(`${root}/env`)).toEqual({
      files: [{ path: 'requirements.txt', is_dir: false, file_size: 20 }],
    });
    const pickle = await t.send('GET', `${ROUTES}/${root}/model.pkl`);
    expect(pickle.status).toBe(200);
    expect(pickle.body.equals(PICKLE)).toBe(true);
    expect((await t.send('GET', `${ROUTES}/${root}/MLmodel`)).body.toString()).toBe(MLMODEL);
  });

  it('serves any other blob as one file named "artifact"', async () => {
    const onnx = randomBytes(700);
    const { root } = await uploaded('single', onnx);
    expect(await list(root)).toEqual({ files: [{ path: 'artifact', is_dir: false, file_size: 700 }] });
    expect((await t.send('GET', `${ROUTES}/${root}/artifact`)).body.equals(onnx)).toBe(true);
  });

  it('answers ARTIFACT_CORRUPTED instead of files whose stored bytes no longer match their digest', async () => {
    const { root } = await uploaded('tampered', MODEL_DIR);
    const file = join(t.dir, contentPath(sha256Of(MODEL_DIR)));
    await chmod(file, 0o644);
    const handle = await open(file, 'r+');
    await handle.write(Buffer.from('tampered'), 0, 8, 1600);
    await handle.close();
    for (const answer of [
      await t.send('GET', `${ROUTES}?path=${root}`),
      await t.send('GET', `${ROUTES}/${root}/MLmodel`),
    ]) {
      expect(answer.status).toBe(409);
      expect(t.json(answer)).toEqual({ error_code: 'ARTIFACT_CORRUPTED', message: expect.stringContaining('sha256') });
    }
  });

  it.each([
    ['no path', `${ROUTES}`, 400, 'INVALID_PARAMETER_VALUE', /path/],
    [
      'a path of another store',
      `${ROUTES}?path=mlruns/0/abc`,
      400,
      'INVALID_PARAMETER_VALUE',
      /path: "mlruns\/0\/abc"/,
    ],
    [
      'a file path of another store',
      `${ROUTES}/1/abc/artifacts/model/MLmodel`,
      400,
      'INVALID_PARAMETER_VALUE',
      /expected models/,
    ],
    [
      'an unknown version',
      `${ROUTES}/models/0190f3a4-1b2c-7d3e-8f40-123456789abc/versions/1/MLmodel`,
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /does not exist/,
    ],
  ])('refuses %s with {error_code, message}', async (_, path, status, code, message) => {
    const answer = await t.send('GET', path);
    expect(answer.status).toBe(status);
    expect(t.json(answer)).toEqual({ error_code: code, message: expect.stringMatching(message) });
  });

  it('answers RESOURCE_DOES_NOT_EXIST for a version without uploaded files and for a file not in them', async () => {
    const { root } = await uploaded('partial', MODEL_DIR);
    const missing = await t.send('GET', `${ROUTES}/${root}/conda.yaml`);
    expect([missing.status, t.json(missing).error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    expect(t.json(missing).message).toMatch(/no file "conda.yaml"/);
    const version = await t.createVersion('partial', 's3://x');
    const modelId = t.json(await t.send('GET', `/api/v1/models/partial/versions/${version}`)).modelId;
    const none = await t.send('GET', `${ROUTES}?path=models/${modelId}/versions/${version}`);
    expect([none.status, t.json(none).message]).toEqual([404, expect.stringMatching(/no uploaded artifact/)]);
  });
});
