import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { parkedCounts, ProjectionRunner } from '@ledger/eventstore';
import { ProjectionControl } from './projection-control';
import { ServiceMetrics } from '../http/metrics';
import { ServiceDefinition, ServiceHost } from './service-definition';

/** The service's projections and their operations; a workflow's next command does not wait behind every read model. */
export function projectionControlOf<Context>(
  definition: ServiceDefinition<Context, never>,
  context: Context,
  host: ServiceHost,
): ProjectionControl {
  const reacting = definition.reactingProjections?.(context, host) ?? [];
  return new ProjectionControl(host.db, definition.projections ?? [], reacting, definition.name);
}

export async function startProjections(
  service: string,
  control: ProjectionControl,
  host: ServiceHost,
  stack: (() => Promise<unknown>)[],
): Promise<ProjectionRunner | undefined> {
  const projections = control.all;
  if (projections.length === 0) return undefined;
  const logger = new Logger(`${service} projections`);
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
  control.runner = runner;
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
      // The database gone: keep the last figures, the scrape still answers.
      const counts = await parkedCounts(db).catch(() => undefined);
      if (!counts) return;
      for (const name of names) this.set({ projection: name }, counts.get(name) ?? 0);
    },
  });
}
