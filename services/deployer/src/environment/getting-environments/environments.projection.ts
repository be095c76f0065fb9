import { deployerEvents } from '@ledger/contracts';
import { catalogProjection, Migration } from '@ledger/eventstore';
import { actorOf, occurredAt } from '../../event-metadata';

export const ENVIRONMENTS_MIGRATION: Migration = {
  id: 'deployer-edges-002-environments',
  sql: `CREATE TABLE deployer_environments (
    environment    text PRIMARY KEY,
    policy_version int NOT NULL,
    policy         jsonb NOT NULL,
    configured_at  timestamptz NOT NULL,
    configured_by  text NOT NULL
  );`,
};

/** Each environment's policy in force, written with the EnvironmentConfigured (read-your-writes for PUT then GET). */
export const environmentsProjection = catalogProjection(deployerEvents)({
  name: 'deployer-environments',
  on: {
    EnvironmentConfigured: (tx, e) =>
      tx.query(
        `INSERT INTO deployer_environments (environment, policy_version, policy, configured_at, configured_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (environment) DO UPDATE SET policy_version = EXCLUDED.policy_version, policy = EXCLUDED.policy,
           configured_at = EXCLUDED.configured_at, configured_by = EXCLUDED.configured_by
         WHERE deployer_environments.policy_version < EXCLUDED.policy_version`,
        [e.data.environment, e.data.policyVersion, JSON.stringify(e.data.policy), occurredAt(e), actorOf(e)],
      ),
  },
  reset: (tx) => tx.query(`DELETE FROM deployer_environments`),
});
