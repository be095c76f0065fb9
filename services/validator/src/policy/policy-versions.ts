import { EntityManager } from 'typeorm';
import { NotFoundError, PolicyCheck, validatorEvents } from '@ledger/contracts';
import { DEFAULT_POLICY_CHECKS } from './default-policy';
import { policyStreamId } from './policy';

type On = Pick<EntityManager, 'query'>;

export interface PolicyVersionView {
  name: string;
  policyVersion: number;
  checks: PolicyCheck[];
  /** false for version 0, the default that applies while none was set. */
  isSet: boolean;
  format: 'json' | 'yaml' | null;
  setAt: string | null;
  setBy: string | null;
}

const defaultPolicy = (name: string): PolicyVersionView => ({
  name,
  policyVersion: 0,
  checks: DEFAULT_POLICY_CHECKS,
  isSet: false,
  format: null,
  setAt: null,
  setBy: null,
});

/** Every policy version set for a model, oldest first, read from the policy's own stream. */
export async function policyHistory(on: On, name: string): Promise<PolicyVersionView[]> {
  const rows: { type: string; sv: number; data: unknown; metadata: { occurredAt?: string; actor?: { id: string } } }[] =
    await on.query(
      `SELECT event_type AS type, schema_version AS sv, data, metadata FROM events WHERE stream_id = $1
       ORDER BY stream_position`,
      [policyStreamId(name)],
    );
  return rows.map((row) => {
    const data = validatorEvents.current(row.type, row.sv, row.data) as {
      policyVersion: number;
      checks: PolicyCheck[];
      format: 'json' | 'yaml';
    };
    return {
      name,
      policyVersion: data.policyVersion,
      checks: data.checks,
      isSet: true,
      format: data.format,
      setAt: row.metadata.occurredAt ?? null,
      setBy: row.metadata.actor?.id ?? null,
    };
  });
}

/** The policy in force (the default when none was set), or the named version; NotFoundError for one never set. */
export async function policyAt(on: On, name: string, version?: number): Promise<PolicyVersionView> {
  if (version === 0) return defaultPolicy(name);
  const history = await policyHistory(on, name);
  if (version === undefined) return history.at(-1) ?? defaultPolicy(name);
  const found = history.find((p) => p.policyVersion === version);
  if (!found) throw new NotFoundError(`registered model "${name}" has no validation policy version ${version}`);
  return found;
}
