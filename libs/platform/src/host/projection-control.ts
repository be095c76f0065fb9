import { Logger } from '@nestjs/common';
import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import {
  loadCheckpoint,
  parkedCounts,
  ParkedEvent,
  parkedEvents,
  Projection,
  ProjectionRunner,
  Queryable,
} from '@ledger/eventstore';

/** One projection as an operator sees it. */
export interface ProjectionStatus {
  name: string;
  /** A read model can be rebuilt by hand; a reacting projection acts on what it reads and never is. */
  kind: 'read-model' | 'reacting';
  /** The log position it has applied up to (0: nothing yet). */
  position: string;
  /** Events of the types it handles committed after that position (counted up to 100,000). */
  behind: number;
  parked: number;
}

const BEHIND_CAP = 100_000;

/**
 * The operations on a service's projections: their status, what they parked, and a rebuild on
 * demand — for when the cause of a parked event was fixed in the data rather than in the code
 * (a new projection version rebuilds by itself at start). Reacting projections (workflow
 * routers) are never replayed by hand: what they read, they act on.
 */
export class ProjectionControl {
  /** Set once the service's projection runner started. */
  runner?: ProjectionRunner;
  private readonly logger: Logger;

  constructor(
    private readonly db: Queryable,
    private readonly readModels: readonly Projection[],
    private readonly reacting: readonly Projection[],
    service: string,
  ) {
    this.logger = new Logger(`${service} projections`);
  }

  /** What the runner runs: the reacting ones first, so each round takes them before the read models. */
  get all(): Projection[] {
    return [...this.reacting, ...this.readModels];
  }

  /** The projections a person may rebuild. */
  get readModelNames(): string[] {
    return this.readModels.map((projection) => projection.name);
  }

  get names(): string[] {
    return this.all.map((projection) => projection.name);
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const parked = await parkedCounts(this.db);
    return Promise.all(
      this.all.map(async (projection) => {
        const at = await loadCheckpoint(this.db, `projection:${projection.name}`);
        const [{ behind }] = await this.db.query(
          `SELECT count(*)::int AS behind FROM (SELECT 1 FROM events
             WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND event_type = ANY($3) LIMIT ${BEHIND_CAP}) e`,
          [at.transactionId, at.globalPosition, projection.handles],
        );
        return {
          name: projection.name,
          kind: this.reacting.includes(projection) ? ('reacting' as const) : ('read-model' as const),
          position: at.globalPosition,
          behind,
          parked: parked.get(projection.name) ?? 0,
        };
      }),
    );
  }

  async parked(name?: string): Promise<ParkedEvent[]> {
    if (name !== undefined) this.find(name);
    return parkedEvents(this.db, name);
  }

  /** Empties a read model; the running loop replays the log into it (its `behind` shows how far). */
  async rebuild(name: string): Promise<void> {
    const projection = this.find(name);
    if (this.reacting.includes(projection))
      throw new IllegalStateError(`${name} acts on what it reads (it sends commands): it is never rebuilt by hand`);
    if (!this.runner) throw new IllegalStateError('the projections of this service have not started yet');
    await this.runner.startOver(projection);
    this.logger.log(`${name} emptied by request: the log is replayed into it`);
  }

  private find(name: string): Projection {
    const projection = this.all.find((p) => p.name === name);
    if (!projection) throw new NotFoundError(`this service has no projection named ${name}`);
    return projection;
  }
}
