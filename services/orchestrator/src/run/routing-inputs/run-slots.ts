import { EntityManager } from 'typeorm';

type On = Pick<EntityManager, 'query'>;

/**
 * A run's slot: `failed` frees it like `ended`, but a person's retry or skip of the failed step
 * reopens the run (it runs again), and it takes a slot again; `ended` is for good.
 */
export type SlotStatus = 'queued' | 'running' | 'failed' | 'ended';
const ACTIVE = `status IN ('queued', 'running')`;

export interface RouterRun {
  runId: string;
  name: string;
  modelId: string | null;
  version: number;
  scope: string;
  correlationId: string;
  status: SlotStatus;
}

const COLUMNS = `run_id AS "runId", name, model_id AS "modelId", version, scope, correlation_id AS "correlationId", status`;

/** One model's runs are started, queued and resumed one decision at a time (the router, HTTP and cron race). */
export async function lockModelRuns(tx: On, name: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('orchestrator-runs:' || $1))`, [name]);
}

/** Records a run in its slot; a run already known keeps the slot it has. */
export async function recordRun(tx: On, run: RouterRun): Promise<void> {
  await tx.query(
    `INSERT INTO router_runs (run_id, name, model_id, version, scope, correlation_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (run_id) DO NOTHING`,
    [run.runId, run.name, run.modelId, run.version, run.scope, run.correlationId, run.status],
  );
}

export async function runById(tx: On, runId: string): Promise<RouterRun | undefined> {
  const rows: RouterRun[] = await tx.query(`SELECT ${COLUMNS} FROM router_runs WHERE run_id = $1`, [runId]);
  return rows[0];
}

/** The model's queued and running runs, oldest first. */
export async function activeRuns(tx: On, name: string): Promise<RouterRun[]> {
  return tx.query(`SELECT ${COLUMNS} FROM router_runs WHERE name = $1 AND ${ACTIVE} ORDER BY seq`, [name]);
}

/**
 * The runs of one version a verdict on it concerns: queued and running, and failed too, which
 * keep it for when a person makes them run again (their validate step takes it then).
 */
export async function runsTakingVerdicts(tx: On, modelId: string, version: number): Promise<RouterRun[]> {
  return tx.query(
    `SELECT ${COLUMNS} FROM router_runs WHERE model_id = $1 AND version = $2 AND status <> 'ended' ORDER BY seq`,
    [modelId, version],
  );
}

/** Moves an active run to a slot status (a failed or ended run stays so). Returns whether it moved. */
export async function setSlot(tx: On, runId: string, status: SlotStatus): Promise<boolean> {
  const rows = await tx.query(
    // Through a CTE: TypeORM hands back a bare UPDATE … RETURNING as [rows, count].
    `WITH moved AS (UPDATE router_runs SET status = $2 WHERE run_id = $1 AND ${ACTIVE} AND status <> $2 RETURNING 1)
     SELECT * FROM moved`,
    [runId, status],
  );
  return rows.length > 0;
}

/** A failed run a person made run again takes a slot again (over the limit if need be: it is not queued). */
export async function reopenSlot(tx: On, runId: string): Promise<void> {
  await tx.query(`UPDATE router_runs SET status = 'running' WHERE run_id = $1 AND status = 'failed'`, [runId]);
}
