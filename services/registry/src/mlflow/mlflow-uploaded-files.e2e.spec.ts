import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { MLFLOW_2, MLFLOW_3, mlflowPython } from './compat/python-venv';
import { expectPasses, runPython } from './compat/run-python';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(__dirname, 'uploaded_flow.py');

// Files uploaded to the registry's own store, read by the stock client through MLflow's artifact
// proxy routes: download_artifacts and pyfunc.load_model on `models:/<name>/<version>`.
describe.each([
  { version: MLFLOW_3, localStore: (dir: string) => `sqlite:///${join(dir, 'local.db')}` },
  { version: MLFLOW_2, localStore: (dir: string) => `file://${join(dir, 'mlruns')}` },
])('MLflow $version reads a model directory uploaded to Model Ledger', ({ version, localStore }) => {
  let python: string;
  let dir: string;
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlflow-uploaded-'));
    const label = `registry_uploaded_${version.replace(/\./g, '_')}`;
    [python, registry] = await Promise.all([
      mlflowPython(ROOT, version),
      startRegistry(label, { config: { artifactsDir: join(dir, 'artifacts') } }),
    ]);
  }, 600_000);
  afterAll(async () => {
    await registry?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'downloads the uploaded files byte for byte and loads the model with pyfunc',
    () =>
      expectPasses(
        runPython(python, SCRIPT, [registry.registry.url, localStore(dir), 'uploaded', dir], {}, dir),
        'the uploaded files flow passed',
      ),
    300_000,
  );
});
