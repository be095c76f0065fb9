import { Command, Decider, DomainEvent, LedgerError } from '@ledger/contracts';
import type { Message, Workflow } from '@ledger/contracts';
import { givenWorkflow } from './given-workflow';

/**
 * Specification-style tests for deciders:
 *   given(decider, [events]).when(command).then([events]) | .thenThrows(ErrorClass, /message/)
 * and, for workflow deciders, given(workflow, [inputs]).when(input).thenSends(…) (given-workflow.ts).
 */
export function given<I extends Command, C extends Message, E extends Message, S>(
  workflow: Workflow<I, C, E, S>,
  inputs?: I[],
): ReturnType<typeof givenWorkflow<I, C, E, S>>;
export function given<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events?: E[],
): ReturnType<typeof givenDecider<C, E, S>>;
export function given(
  subject: Workflow<Command, Message, Message, unknown> | Decider<Command, DomainEvent, unknown>,
  history: unknown[] = [],
): unknown {
  return 'streamOf' in subject
    ? givenWorkflow(subject, history as Command[])
    : givenDecider(subject, history as DomainEvent[]);
}

function givenDecider<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: E[] = []) {
  const state = events.reduce(decider.evolve, decider.initialState());
  return {
    when(command: C) {
      const run = () => decider.decide(command, state);
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenNothing() {
          expect(run()).toEqual([]);
        },
        thenThrows(errorClass: new (...args: never[]) => LedgerError, message?: RegExp) {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (message) expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  };
}
