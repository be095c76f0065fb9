import { EntityManager } from 'typeorm';
import { CheckResult, ReportSummary } from '@ledger/contracts';
import type { Verdict } from '../run-messages';
import { handToRun, RoutedEvent, routedMetadata } from './routed-input';
import { runsTakingVerdicts } from './run-slots';

type On = Pick<EntityManager, 'query'>;
type RunRef = { runId: string; modelId: string; version: number };

interface VerdictRow {
  validationRunId: string;
  trigger: Verdict['trigger'];
  failedChecks: string[];
  passed: boolean;
}

/** Every verdict the validator gave on a version, in the order they were given. */
export async function knownVerdicts(on: On, modelId: string, version: number): Promise<Verdict[]> {
  const rows: VerdictRow[] = await on.query(
    `SELECT validation_run_id AS "validationRunId", trigger, failed_checks AS "failedChecks", passed
     FROM router_verdicts WHERE model_id = $1 AND version = $2 AND passed IS NOT NULL ORDER BY decided_seq`,
    [modelId, version],
  );
  return rows;
}

export async function validationStarted(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const data = event.data as RunRef & { trigger: Verdict['trigger']; dryRun: boolean };
  if (data.dryRun) return; // a dry run ends without a verdict
  await tx.query(
    `INSERT INTO router_verdicts (validation_run_id, model_id, version, trigger) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [data.runId, data.modelId, data.version, JSON.stringify(data.trigger)],
  );
}

/** A blocking check that did not pass, as the run's reason will name it. */
export async function checkCompleted(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const { runId, result } = event.data as { runId: string; result: CheckResult };
  if (!result.blocking || result.outcome === 'passed') return;
  const failed = `${result.id} (${result.kind}): ${result.outcome}${result.message ? ` — ${result.message}` : ''}`;
  await tx.query(
    `UPDATE router_verdicts SET failed_checks = failed_checks || jsonb_build_array($2::text)
     WHERE validation_run_id = $1 AND NOT failed_checks @> jsonb_build_array($2::text)`,
    [runId, failed],
  );
}

/** The verdict is kept for runs that start later, and handed now to the version's runs that may still take it. */
export async function verdictGiven(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const data = event.data as RunRef & { summary: ReportSummary };
  const passed = event.type === 'ValidationPassed';
  // The validation's start may be missing (a consumer that started late): its checks' ids still say why.
  await tx.query(
    `INSERT INTO router_verdicts (validation_run_id, model_id, version, trigger, failed_checks)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [
      data.runId,
      data.modelId,
      data.version,
      JSON.stringify({ kind: 'unknown', id: data.runId }),
      JSON.stringify(data.summary.failedBlocking),
    ],
  );
  await tx.query(
    `UPDATE router_verdicts SET passed = $2, decided_seq = nextval('router_verdicts_decided')
     WHERE validation_run_id = $1 AND passed IS NULL`,
    [data.runId, passed],
  );
  const [verdict] = (await knownVerdicts(tx, data.modelId, data.version)).filter(
    (v) => v.validationRunId === data.runId,
  );
  if (!verdict) return;
  for (const run of await runsTakingVerdicts(tx, data.modelId, data.version))
    await handToRun(tx, {
      type: 'VerdictReceived',
      data: { runId: run.runId, verdict },
      metadata: routedMetadata(event, run.runId, run.correlationId),
    });
}
