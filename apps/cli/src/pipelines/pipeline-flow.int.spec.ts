import { eventually } from '@ledger/testing';
import { LedgerUnderTest, startLedger } from '../cli.harness';

/** `mledger pipeline …` against the real orchestrator of the embedded platform. */
describe('mledger pipeline against the orchestrator', () => {
  let t: LedgerUnderTest;
  const json = async (args: string[]) => {
    const run = await t.mledger([...args, '-o', 'json']);
    expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    t = await startLedger('pipelines');
    const definition = { triggers: [{ on: 'manual' }], steps: [{ id: 'gate', type: 'approval' }] };
    const answer = await fetch(`${t.platform.urls.orchestrator}/api/v1/pipelines/churn`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(definition),
    });
    expect(answer.status).toBe(200);
    expect((await t.mledger(['register', 'churn', '--metric', 'auc=0.9'])).code).toBe(0);
  }, 120_000);
  afterAll(() => t?.close());

  it('starts a run, lists and shows it waiting at its gate, approves it, and shows it succeeded', async () => {
    // The orchestrator knows version 1 once the registry's event reached it: 404 until then.
    const { runId } = await eventually(() => json(['pipeline', 'start', 'churn', '1']));
    const waiting = await eventually(async () => {
      const { runs } = await json(['pipeline', 'runs', '--model', 'churn', '--status', 'waiting']);
      expect(runs).toEqual([expect.objectContaining({ runId, name: 'churn', version: 1, status: 'waiting' })]);
      return runs;
    });
    expect(waiting).toHaveLength(1);
    const table = await t.mledger(['pipeline', 'runs', '--model', 'churn']);
    expect(table.stdout).toMatch(new RegExp(`${runId}[\\s\\S]*churn[\\s\\S]*waiting[\\s\\S]*manual`));
    const approved = await t.mledger(['pipeline', 'approve', runId, 'gate', '--comment', 'lgtm']);
    expect(approved).toMatchObject({ code: 0, stdout: `approve of step gate in run ${runId} accepted\n` });
    await eventually(async () => expect((await json(['pipeline', 'show', runId])).run.status).toBe('succeeded'));
    const shown = await t.mledger(['pipeline', 'show', runId]);
    expect(shown.stdout).toMatch(/gate[\s\S]*approval[\s\S]*succeeded[\s\S]*approved by/);
  });

  it('exits 1 with the orchestrator’s refusal: an unknown run, a run already ended', async () => {
    const unknown = await t.mledger(['pipeline', 'show', '0193a4d2-7c1e-7000-8000-000000000099']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^RESOURCE_DOES_NOT_EXIST: /);
    const { runs } = await json(['pipeline', 'runs', '--model', 'churn', '--status', 'succeeded']);
    const cancelled = await t.mledger(['pipeline', 'cancel', runs[0].runId]);
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toMatch(/^[A-Z_]+: .*(ended|succeeded)/);
  });
});
