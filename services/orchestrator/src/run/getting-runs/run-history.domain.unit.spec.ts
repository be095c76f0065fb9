import { ignoredInputs, RunRecord } from './run-history.domain';

let position = 0;
const record = (role: string, type: string, data: Record<string, unknown> = {}): RunRecord => ({
  position: ++position,
  type,
  role,
  data,
  occurredAt: '2026-12-04T12:00:00.000Z',
  actor: { id: 'ana', kind: 'user' },
  correlationId: 'c',
  causationId: null,
  commandId: `cmd-${position}`,
});

describe("a run's ignored inputs", () => {
  it('pairs each ignore with the input it was decided on, and leaves acted-on inputs out', () => {
    const records = [
      record('input', 'StartRun', { runId: 'r' }),
      record('publish', 'PipelineRunStarted'),
      record('input', 'ApproveStep', { stepId: 'gate' }),
      record('ignore', 'WorkflowInputIgnored', { reason: 'step "gate" is not waiting' }),
      record('input', 'VerdictReceived', { runId: 'r' }),
      record('send', 'TransitionModelVersionStage'),
      record('input', 'CancelRun', { runId: 'r' }),
      record('ignore', 'WorkflowInputIgnored', { reason: 'the run already ended' }),
    ];
    expect(ignoredInputs(records)).toEqual([
      expect.objectContaining({
        position: 3,
        type: 'ApproveStep',
        data: { stepId: 'gate' },
        reason: 'step "gate" is not waiting',
      }),
      expect.objectContaining({ position: 7, type: 'CancelRun', commandId: 'cmd-7', reason: 'the run already ended' }),
    ]);
  });

  it('is empty for a run that acted on everything', () => {
    expect(ignoredInputs([record('input', 'StartRun'), record('publish', 'PipelineRunStarted')])).toEqual([]);
  });
});
