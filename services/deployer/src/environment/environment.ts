import type {
  Command,
  ConfigureEnvironmentInput,
  DomainEvent,
  EnvironmentConfiguredData,
  EnvironmentPolicy,
} from '@ledger/contracts';

/** One stream per environment, by its name. */
export const environmentStreamId = (environment: string): string => `environment-${environment}`;

export type ConfigureEnvironmentCommand = Command<'ConfigureEnvironment', ConfigureEnvironmentInput>;
export type EnvironmentCommand = ConfigureEnvironmentCommand;

export type EnvironmentEvent = DomainEvent<'EnvironmentConfigured', EnvironmentConfiguredData>;

/** The environment's policy in force; version 0 while never configured (its default applies then). */
export interface EnvironmentState {
  policyVersion: number;
  policy: EnvironmentPolicy | null;
}

export const initialEnvironmentState = (): EnvironmentState => ({ policyVersion: 0, policy: null });

export function evolveEnvironment(_state: EnvironmentState, event: EnvironmentEvent): EnvironmentState {
  switch (event.type) {
    case 'EnvironmentConfigured':
      return { policyVersion: event.data.policyVersion, policy: event.data.policy };
  }
}
