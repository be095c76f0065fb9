import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Backoff, commandMetadata, MetadataSource, WorkerLoop } from '@ledger/eventstore';
import type { ServingRuntime } from '../../runtime/serving-runtime';
import { desiredModels } from '../getting-serving/served-models.projection';
import { CompleteLoad, LoadOutcome, servedModelStreamId } from '../served-model';
import type { ServedModels } from '../serving-control';
import { reconcile, RuntimeStep, stepKey } from './reconcile.domain';

export interface RuntimeReconcilerOptions {
  db: DataSource;
  runtime: ServingRuntime;
  servedModels: ServedModels;
  metadata: MetadataSource;
  /** Appends to serving's log wake it at once; without a URL it looks every pollMs. */
  databaseUrl?: string;
  pollMs?: number;
}

const SERVING_ACTOR = { id: 'serving', kind: 'service' as const };

/**
 * Makes the runtime hold what serving's log wants. Level-triggered: each pass compares the
 * desired state (served_models, folded with every append) with what the runtime holds and does
 * the difference, so a pass after a restart (an empty runtime) reloads every ready version and
 * re-sets every table, and a pass after a crash between a load and its answer loads again and
 * answers then. Answers are recorded through the decider, which takes only the first per request.
 */
export class RuntimeReconciler extends WorkerLoop {
  private readonly logger = new Logger('ServingRuntime');
  /** Steps that failed, retried after their own back-off (an artifact may come back). */
  private readonly failing = new Map<string, { backoff: Backoff; retryAt: number }>();

  constructor(private readonly options: RuntimeReconcilerOptions) {
    super(options.db, {
      clock: options.metadata.clock,
      pollMs: options.pollMs ?? 1_000,
      concurrency: 1,
      databaseUrl: options.databaseUrl,
    });
  }

  /** One pass over every model; models in parallel, each model's steps in order. Returns the steps done. */
  async reconcileOnce(): Promise<number> {
    const { runtime } = this.options;
    const desired = await desiredModels(this.options.db);
    const plan = reconcile(desired, { loaded: runtime.loaded(), traffic: (n, e) => runtime.traffic(n, e) });
    const done = await Promise.all(plan.map((steps) => this.runInOrder(steps)));
    return done.reduce((sum, n) => sum + n, 0);
  }

  protected async step(): Promise<boolean> {
    await this.reconcileOnce();
    // Never "more at once": what a pass appends wakes the loop again, and a step the runtime
    // keeps undoing waits for the next poll instead of spinning.
    return false;
  }

  protected async untilNext(): Promise<number> {
    const now = this.options.metadata.clock.now().getTime();
    const next = Math.min(...[...this.failing.values()].map((f) => f.retryAt - now));
    return Number.isFinite(next) ? Math.max(next, 0) : Infinity;
  }

  protected reportError(error: unknown): void {
    this.logger.error(`reconciling the runtime failed: ${(error as Error).message}`);
  }

  /** A model's steps stop at the first failure: a table must not be set over a version that did not load. */
  private async runInOrder(steps: RuntimeStep[]): Promise<number> {
    let done = 0;
    for (const step of steps) {
      const key = stepKey(step);
      const failing = this.failing.get(key);
      if (failing && failing.retryAt > this.options.metadata.clock.now().getTime()) return done;
      try {
        await this.apply(step);
        this.failing.delete(key);
        done++;
      } catch (error) {
        const backoff = failing?.backoff ?? new Backoff(1_000, 60_000);
        this.failing.set(key, { backoff, retryAt: this.options.metadata.clock.now().getTime() + backoff.next() });
        this.logger.warn(`${key} failed, retrying later: ${(error as Error).message}`);
        return done;
      }
    }
    return done;
  }

  private async apply(step: RuntimeStep): Promise<void> {
    const { runtime } = this.options;
    switch (step.kind) {
      case 'load':
        return this.load(step.spec, step.answers);
      case 'scale':
        return runtime.scale(step.target, step.replicas);
      case 'setTraffic':
        return step.traffic
          ? runtime.setTraffic(step.name, step.environment, step.traffic)
          : runtime.clearTraffic(step.name, step.environment);
      case 'unload':
        return runtime.unload(step.target);
    }
  }

  private async load(spec: Extract<RuntimeStep, { kind: 'load' }>['spec'], answers: string | null): Promise<void> {
    if (answers === null) {
      await this.options.runtime.load(spec);
      return;
    }
    const outcome: LoadOutcome = await this.options.runtime.load(spec).then(
      ({ loadedInMs }) => ({ ok: true, loadedInMs }),
      (error: unknown) => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
    );
    await this.answer(spec, answers, outcome);
  }

  /**
   * The chain the load request belongs to (its correlationId), so the answer, and what the
   * deployer decides on it, stay in the chain that asked: one correlation id from registration to serving.
   */
  private async chainOf(streamId: string, loadCommandId: string): Promise<string> {
    const rows: { correlationId: string | null }[] = await this.options.db.query(
      `SELECT metadata->>'correlationId' AS "correlationId" FROM events
       WHERE stream_id = $1 AND event_type = 'ServingVersionLoadRequested' AND data->>'loadCommandId' = $2
       ORDER BY stream_position DESC LIMIT 1`,
      [streamId, loadCommandId],
    );
    return rows[0]?.correlationId ?? loadCommandId;
  }

  /** The same command id on every try: an answer already recorded makes the next one a no-op. */
  private async answer(
    spec: { name: string; environment: string; version: number },
    loadCommandId: string,
    outcome: LoadOutcome,
  ): Promise<void> {
    const { name, environment, version } = spec;
    const command: CompleteLoad = {
      type: 'CompleteServingLoad',
      data: { name, environment, version, loadCommandId, outcome },
      metadata: commandMetadata(this.options.metadata, {
        actor: SERVING_ACTOR,
        correlationId: await this.chainOf(servedModelStreamId(environment, name), loadCommandId),
        causationId: loadCommandId,
        commandId: `serving-load-outcome:${loadCommandId}`,
      }),
    };
    await this.options.servedModels.handle(servedModelStreamId(environment, name), command);
  }
}
