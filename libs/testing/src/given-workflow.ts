import { Command, LedgerError } from '@ledger/contracts';
import type { Message, Workflow, WorkflowOutput } from '@ledger/contracts';

type OutputOf<
  K extends WorkflowOutput<Command, Message, Message>['kind'],
  I extends Command,
  C extends Message,
  E extends Message,
> = Extract<WorkflowOutput<I, C, E>, { kind: K }>;

/**
 * Specification-style tests for workflow deciders. The given inputs are decided in turn and
 * each is folded with its outputs, as the runner folds the workflow's stream:
 *   given(workflow, [inputs]).when(input).thenSends(command…) | .thenPublishes(event…)
 *     | .thenSchedules(timer…) | .thenCancels(timerId…) | .thenIgnored(/reason/) | .then([outputs])
 */
export function givenWorkflow<I extends Command, C extends Message, E extends Message, S>(
  workflow: Workflow<I, C, E, S>,
  inputs: I[] = [],
) {
  const state = inputs.reduce(
    (current, input) =>
      [{ kind: 'input', input } as const, ...workflow.decide(input, current)].reduce(workflow.evolve, current),
    workflow.initialState(),
  );
  return {
    when(input: I) {
      const run = () => workflow.decide(input, state);
      const only = <K extends WorkflowOutput<I, C, E>['kind']>(kind: K) =>
        run().filter((o): o is OutputOf<K, I, C, E> => o.kind === kind);
      return {
        then(expected: WorkflowOutput<I, C, E>[]) {
          expect(run()).toEqual(expected);
        },
        thenSends(...commands: C[]) {
          expect(only('send').map((o) => o.command)).toEqual(commands);
        },
        thenPublishes(...events: E[]) {
          expect(only('publish').map((o) => o.event)).toEqual(events);
        },
        thenSchedules(...timers: OutputOf<'schedule', I, C, E>['timer'][]) {
          expect(only('schedule').map((o) => o.timer)).toEqual(timers);
        },
        thenCancels(...timerIds: string[]) {
          expect(only('cancel').map((o) => o.timerId)).toEqual(timerIds);
        },
        /** Ignored means nothing else happens: the one output is the reason. */
        thenIgnored(reason?: RegExp) {
          const outputs = run();
          expect(outputs.map((o) => o.kind)).toEqual(['ignore']);
          if (reason) expect((outputs[0] as OutputOf<'ignore', I, C, E>).reason).toMatch(reason);
        },
        thenThrows(errorClass: new (...args: never[]) => LedgerError, message?: RegExp) {
          expect(run).toThrow(errorClass);
          if (message) expect(run).toThrow(message);
        },
      };
    },
  };
}
