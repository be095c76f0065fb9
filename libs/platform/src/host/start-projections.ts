import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '@ledger/eventstore';
import { ServiceMetrics } from '../http/metrics';
import { ServiceDefinition, ServiceHost } from './service-definition';

export async function startProjections<Context>(
  definition: ServiceDefinition<Context, never>,
  context: Context,
  host: ServiceHost,
  stack: (() => Promise<unknown>)[],
): Promise<ProjectionRunner | undefined> {
  // Acting ones first: each round of the runner takes them before the read models, so a workflow's
  // next command does not wait behind every read model's step.
  const projections = [...(definition.reactingProjections?.(context, host) ?? []), ...(definition.projections ?? [])];
  if (projections.length === 0) return undefined;
  const logger = new Logger(`${definition.name} projections`);
  const runner = new ProjectionRunner(host.db, projections, {
    databaseUrl: host.databaseUrl,
    onError: (projection, error) => logger.error(`projection ${projection} failed: ${(error as Error).message}`),
    onParked: (projection, event, error) =>
      logger.error(
        `projection ${projection} parked event ${event.id} (${event.type} of ${event.streamId}) and goes on: ${(error as Error).message}`,
      ),
  });
  exposeParked(
    host.db,
    projections.map((projection) => projection.name),
    host.metrics,
  );
  await runner.start();
  stack.push(() => runner.stop());
  return runner;
}

/** Read at scrape time from the table, so a restart does not hide what was parked before it. */
function exposeParked(db: DataSource, names: string[], metrics: ServiceMetrics): void {
  new Gauge({
    name: 'ledger_projection_parked_events',
    help: 'Events a projection set aside after failing on them past its retry budget (see parked_events)',
    labelNames: ['projection'],
    registers: [metrics.registry],
    async collect() {
      const rows: { projection: string; parked: number }[] | undefined = await db
        .query(`SELECT projection, count(*)::int AS parked FROM parked_events GROUP BY projection`)
        .catch(() => undefined); // the database gone: keep the last figures, the scrape still answers
      if (!rows) return;
      const counts = new Map(rows.map((row) => [row.projection, row.parked]));
      for (const name of names) this.set({ projection: name }, counts.get(name) ?? 0);
    },
  });
}
