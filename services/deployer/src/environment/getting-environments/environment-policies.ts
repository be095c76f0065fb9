import { EntityManager } from 'typeorm';
import { EnvironmentPolicy, EnvironmentPolicySchema, NotFoundError } from '@ledger/contracts';

type On = Pick<EntityManager, 'query'>;

export interface EnvironmentView {
  environment: string;
  /** 0: never configured, the default policy applies. */
  policyVersion: number;
  policy: EnvironmentPolicy;
  isDefault: boolean;
  configuredAt: string | null;
  configuredBy: string | null;
}

/** What the issue promises before anyone configures anything: champion serves production, Staging serves staging. */
export const DEFAULT_POLICIES: Readonly<Record<string, EnvironmentPolicy>> = {
  production: EnvironmentPolicySchema.parse({ trigger: { kind: 'alias', alias: 'champion' } }),
  staging: EnvironmentPolicySchema.parse({ trigger: { kind: 'stage', stage: 'Staging' } }),
};

const defaultView = (environment: string, policy: EnvironmentPolicy): EnvironmentView => ({
  environment,
  policyVersion: 0,
  policy,
  isDefault: true,
  configuredAt: null,
  configuredBy: null,
});

type Row = { environment: string; policy_version: number; policy: EnvironmentPolicy; at: Date; by: string };
const viewOf = (row: Row): EnvironmentView => ({
  environment: row.environment,
  policyVersion: row.policy_version,
  policy: row.policy,
  isDefault: false,
  configuredAt: new Date(row.at).toISOString(),
  configuredBy: row.by,
});

/** Every environment: the configured ones and the defaults nobody configured, by name. */
export async function allEnvironments(on: On): Promise<EnvironmentView[]> {
  const rows: Row[] = await on.query(
    `SELECT environment, policy_version, policy, configured_at AS at, configured_by AS by FROM deployer_environments`,
  );
  const configured = rows.map(viewOf);
  const defaults = Object.entries(DEFAULT_POLICIES)
    .filter(([name]) => !configured.some((c) => c.environment === name))
    .map(([name, policy]) => defaultView(name, policy));
  return [...configured, ...defaults].sort((a, b) => a.environment.localeCompare(b.environment));
}

/** One environment, configured or default; undefined when it is neither. */
export async function findEnvironment(on: On, environment: string): Promise<EnvironmentView | undefined> {
  const rows: Row[] = await on.query(
    `SELECT environment, policy_version, policy, configured_at AS at, configured_by AS by FROM deployer_environments
     WHERE environment = $1`,
    [environment],
  );
  if (rows[0]) return viewOf(rows[0]);
  return Object.hasOwn(DEFAULT_POLICIES, environment)
    ? defaultView(environment, DEFAULT_POLICIES[environment])
    : undefined;
}

export async function environmentOrNotFound(on: On, environment: string): Promise<EnvironmentView> {
  const found = await findEnvironment(on, environment);
  if (!found)
    throw new NotFoundError(
      `environment "${environment}" is not configured (PUT /api/v1/environments/${environment} creates it)`,
      { environment },
    );
  return found;
}
