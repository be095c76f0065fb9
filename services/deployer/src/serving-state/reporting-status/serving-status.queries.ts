import { EntityManager } from 'typeorm';
import { NotFoundError } from '@ledger/contracts';
import {
  asDeployment,
  DeploymentView,
  SELECT_DEPLOYMENT,
  TrafficTable,
} from '../../deployment/getting-deployments/deployment-queries';

type On = Pick<EntityManager, 'query'>;

export interface DesiredServing {
  environment: string;
  name: string;
  traffic: TrafficTable | null;
  replicas: number | null;
  stableVersion: number | null;
  stableSince: string | null;
  stableDeploymentId: string | null;
  activeDeploymentId: string | null;
  lastOutcome: { outcome: string; deploymentId: string | null; at: string } | null;
}

type Row = Record<string, unknown> & { environment: string; name: string };
const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

const desiredOf = (row: Row): DesiredServing => ({
  environment: row.environment,
  name: row.name,
  traffic: (row.traffic as TrafficTable | null) ?? null,
  replicas: (row.replicas as number | null) ?? null,
  stableVersion: (row.stable_version as number | null) ?? null,
  stableSince: iso(row.stable_since),
  stableDeploymentId: (row.stable_deployment_id as string | null) ?? null,
  activeDeploymentId: (row.active_deployment_id as string | null) ?? null,
  lastOutcome:
    row.last_outcome === null
      ? null
      : {
          outcome: row.last_outcome as string,
          deploymentId: (row.last_deployment_id as string | null) ?? null,
          at: iso(row.last_outcome_at) as string,
        },
});

/** The desired serving of every model (of one environment, or all), by environment and name. */
export async function desiredServings(on: On, filter: { environment?: string; name?: string } = {}) {
  const rows: Row[] = await on.query(
    `SELECT * FROM deployer_desired_serving WHERE ($1::text IS NULL OR environment = $1) AND ($2::text IS NULL OR name = $2)
     ORDER BY environment, name`,
    [filter.environment ?? null, filter.name ?? null],
  );
  return rows.map(desiredOf);
}

/** The rollouts still running among these ids, by id. */
export async function activeRollouts(on: On, ids: (string | null)[]): Promise<Map<string, DeploymentView>> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const rows: DeploymentView[] = await on.query(`${SELECT_DEPLOYMENT} WHERE deployment_id = ANY($1::text[])`, [wanted]);
  return new Map(rows.map((row) => [row.deploymentId, asDeployment(row)]));
}

export interface ActualVersion {
  version: number;
  state: 'loading' | 'ready' | 'failed';
  replicas: number;
  reason: string | null;
  since: string;
}

/** What serving reports for a model in an environment: its loaded versions and its routing table. */
export async function actualServing(on: On, target: { environment: string; name: string }) {
  const versions: ActualVersion[] = await on.query(
    `SELECT version, state, replicas, reason, since FROM deployer_actual_versions
     WHERE environment = $1 AND name = $2 ORDER BY version`,
    [target.environment, target.name],
  );
  const [traffic] = await on.query(
    `SELECT traffic, since FROM deployer_actual_traffic WHERE environment = $1 AND name = $2`,
    [target.environment, target.name],
  );
  return {
    traffic: (traffic?.traffic as TrafficTable | undefined) ?? null,
    trafficSince: iso(traffic?.since),
    versions: versions.map((v) => ({ ...v, since: iso(v.since) as string })),
  };
}

export async function desiredOrNotFound(on: On, target: { environment: string; name: string }) {
  const [desired] = await desiredServings(on, target);
  if (!desired)
    throw new NotFoundError(
      `registered model "${target.name}" was never deployed to environment "${target.environment}"`,
      target,
    );
  return desired;
}
