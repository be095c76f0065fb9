import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { MlflowServer, startMlflowServer } from './compat/mlflow-server';
import { MLFLOW_2, MLFLOW_3, mlflowPython } from './compat/python-venv';
import { expectPasses, PythonRun, runPython } from './compat/run-python';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(__dirname, 'sklearn_flow.py');
const PASSED = 'the MLflow flow passed';

// The tutorials' flow with the real, full `mlflow` package: train, log_model with
// registered_model_name twice, @champion, pyfunc.load_model. Only the registry is ours; the
// tracking store is the client's own (local) or a real `mlflow server`. MLflow 3 registers
// logged models (models:/<model_id>); 2.x registers run artifact paths.
describe.each([
  // Each release with its default local store: sqlite for 3.x, ./mlruns files for 2.x.
  { version: MLFLOW_3, localStore: (dir: string) => `sqlite:///${join(dir, 'local.db')}` },
  { version: MLFLOW_2, localStore: (dir: string) => `file://${join(dir, 'mlruns')}` },
])('MLflow $version, unchanged, with Model Ledger as its model registry', ({ version, localStore }) => {
  const label = `registry_flow_${version.replace(/\./g, '_')}`;
  let python: string;
  let dir: string;
  let server: MlflowServer | undefined;
  let registry: RegistryUnderTest;
  let linked: RegistryUnderTest;
  let local: Promise<PythonRun>;
  let remote: Promise<PythonRun>;

  const flow = (registryUrl: string, tracking: string, mode: string) =>
    runPython(python, SCRIPT, [registryUrl, tracking, 'churn', mode], {}, dir);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlflow-flow-'));
    python = await mlflowPython(ROOT, version);
    const starting = startRegistry(`${label}_local`).then((started) => (registry = started));
    server = await startMlflowServer(python, join(dir, 'server')).finally(() => starting);
    // The registry told which tracking server owns the logged models, as MLflow's own server knows its store.
    linked = await startRegistry(`${label}_server`, { config: { mlflowTrackingUri: server.url } });
    await starting;
    // Both scenarios run side by side (each its own registry and store); each test awaits its own.
    local = flow(registry.registry.url, localStore(dir), 'client-side');
    remote = flow(linked.registry.url, server.url, 'resolved');
  }, 600_000);
  afterAll(async () => {
    await Promise.all([local, remote]);
    await Promise.all([registry?.close(), linked?.close(), server?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers, aliases and loads models with a local tracking store', () => expectPasses(local, PASSED), 300_000);

  it(
    'registers, aliases and loads models with a real mlflow server as the tracking server',
    () => expectPasses(remote, PASSED),
    300_000,
  );
});
