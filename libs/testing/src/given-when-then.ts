import { Command, Decider, DomainEvent, LedgerError } from '@ledger/contracts';

/**
 * Specification-style tests for deciders:
 *   given(decider, [events]).when(command).then([events]) | .thenThrows(ErrorClass, /message/)
 */
export function given<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: E[] = []) {
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
