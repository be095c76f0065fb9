import { join, resolve } from 'node:path';
import { Bus, createBus } from '@ledger/messaging';
import { eventually, freshDatabaseUrl, IdentityEventsPublisher, MintedToken } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { mlflowPython } from './compat/python-venv';
import { expectPasses as expectRunPasses, PythonRun, runPython } from './compat/run-python';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(__dirname, 'client_compat.py');

const runScript = (python: string, args: string[], credentials: Record<string, string> = {}): Promise<PythonRun> =>
  runPython(python, SCRIPT, args, credentials);
const expectPasses = (run: Promise<PythonRun>) => expectRunPasses(run, 'all MLflow client steps passed');

// The real MLflow client (from PyPI, in a venv made once per machine) against the registry's
// MLflow-compatible REST layer; client_compat.py stops at the first mismatch and says which.
describe('the MLflow client against the MLflow-compatible REST layer', () => {
  let t: RegistryUnderTest;
  let python: string;

  beforeAll(async () => {
    [python, t] = await Promise.all([mlflowPython(ROOT), startRegistry('registry_mlflow_client')]);
  }, 600_000);
  afterAll(() => t?.close());

  it('passes every step of client_compat.py', () => expectPasses(runScript(python, [t.registry.url])), 300_000);
});

// The same client, unchanged, against a registry that authenticates: its usual settings carry
// an API token. One registry: the Token run continues the scenario the Basic run began.
describe('the MLflow client against a registry with authentication on', () => {
  let t: RegistryUnderTest;
  let bus: Bus;
  let python: string;
  let token: MintedToken;
  let viewerToken: MintedToken;

  beforeAll(async () => {
    bus = await createBus({
      kind: 'postgres',
      databaseUrl: freshDatabaseUrl('registry_mlflow_auth_bus'),
      clientId: 'mlflow-auth-test',
    });
    [python, t] = await Promise.all([
      mlflowPython(ROOT),
      startRegistry('registry_mlflow_client_auth', { bus, auth: 'on' }),
    ]);
    const identity = new IdentityEventsPublisher(bus);
    token = await identity.issueToken(await identity.createPrincipal('ml-engineer'));
    viewerToken = await identity.issueToken(await identity.createPrincipal('viewer'));
    const search = (minted: MintedToken) =>
      fetch(`${t.registry.url}/api/2.0/mlflow/registered-models/search`, {
        headers: { authorization: `Bearer ${minted.token}` },
      });
    for (const minted of [token, viewerToken])
      await eventually(async () => expect((await search(minted)).status).toBe(200));
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    await bus?.close();
  });

  it('works with MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (Basic)', async () => {
    const credentials = { MLFLOW_TRACKING_USERNAME: 'ml-engineer', MLFLOW_TRACKING_PASSWORD: token.token };
    await expectPasses(
      runScript(python, [t.registry.url, 'registered_models', 'model_versions', 'aliases', 'model_uris'], credentials),
    );
  }, 300_000);

  it('works with MLFLOW_TRACKING_TOKEN (Bearer)', async () => {
    await expectPasses(
      runScript(python, [t.registry.url, 'searches', 'copies', 'raw_http', 'deletes'], {
        MLFLOW_TRACKING_TOKEN: token.token,
      }),
    );
  }, 300_000);

  it("manages a model's permissions through MLflow's auth routes, as the user who created it", async () => {
    await expectPasses(runScript(python, [t.registry.url, 'permissions'], { MLFLOW_TRACKING_TOKEN: token.token }));
  }, 300_000);

  it('lets a user with the default READ read and refuses its changes with PERMISSION_DENIED', async () => {
    const credentials = { MLFLOW_TRACKING_USERNAME: 'viewer', MLFLOW_TRACKING_PASSWORD: viewerToken.token };
    await expectPasses(runScript(python, [t.registry.url, 'read_only'], credentials));
  }, 300_000);

  it('is refused with 401 UNAUTHENTICATED without credentials', async () => {
    await expectPasses(runScript(python, [t.registry.url, 'unauthenticated']));
  }, 300_000);
});
