import { Logger } from '@nestjs/common';
import type { ModelSignature, WireFeeds } from './replica-protocol';
import { Replica, ReplicaCrashedError } from './replica';

const REPLACE_ATTEMPTS = 3;

export interface ReplicaEvents {
  /** The number of ready replicas changed. */
  replicasChanged(count: number): void;
  /** A replica crashed and a replacement is being started. */
  restarted(): void;
}

/**
 * The replicas of one loaded version. A request goes to the replica with the fewest in flight;
 * one cut short by a crash is retried once on another replica (inference has no side effect),
 * and the crashed replica is replaced and counted.
 */
export class VersionReplicas {
  private replicas: Replica[] = [];
  private waiting: (() => void)[] = [];
  private closed = false;
  private broken = false;
  private desired = 0;
  restarts = 0;
  model!: ModelSignature;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly events: ReplicaEvents,
    private readonly logger: Logger,
  ) {}

  /** Starts `count` replicas in parallel, each warmed up; on any failure none is kept. */
  static async start(bytes: Uint8Array, count: number, events: ReplicaEvents): Promise<VersionReplicas> {
    const pool = new VersionReplicas(bytes, events, new Logger('ServingReplicas'));
    const started = await Promise.allSettled(Array.from({ length: count }, () => Replica.start(bytes)));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.kill() : undefined)));
      throw failure.reason;
    }
    pool.desired = count;
    pool.model = (started[0] as PromiseFulfilledResult<Replica>).value.model;
    for (const s of started) pool.add((s as PromiseFulfilledResult<Replica>).value);
    return pool;
  }

  get count(): number {
    return this.replicas.length;
  }

  get threadIds(): number[] {
    return this.replicas.map((r) => r.threadId);
  }

  /** True when some replica has nothing in flight: a request sent now starts at once. */
  get hasIdleReplica(): boolean {
    return this.replicas.some((r) => r.inFlight === 0);
  }

  /** Sends at once when a replica is there (so in-flight counts see it before the next request). */
  run(feeds: WireFeeds): Promise<WireFeeds> {
    const now = this.leastBusy();
    return now ? this.runOn(now, feeds) : this.pick().then((r) => this.runOn(r, feeds));
  }

  private async runOn(replica: Replica, feeds: WireFeeds): Promise<WireFeeds> {
    try {
      return await replica.run(feeds);
    } catch (error) {
      if (!(error instanceof ReplicaCrashedError)) throw error;
      return (await this.pick(replica)).run(feeds);
    }
  }

  /** New replicas warm up and join before surplus ones leave, and those finish what they hold. */
  async scale(count: number): Promise<void> {
    this.desired = count;
    const missing = count - this.replicas.length;
    if (missing > 0) {
      const fresh = await Promise.all(Array.from({ length: missing }, () => Replica.start(this.bytes)));
      fresh.forEach((r) => this.add(r));
    }
    const surplus = this.replicas.slice(this.desired);
    this.replicas = this.replicas.slice(0, this.desired);
    this.events.replicasChanged(this.replicas.length);
    await Promise.all(surplus.map((r) => r.stop()));
  }

  /** Test and operator hook: ends one replica's thread as a crash would (it takes no new work first). */
  async crashOne(): Promise<number> {
    const victim = this.replicas[0];
    this.replicas = this.replicas.filter((r) => r !== victim);
    await victim.crash();
    return victim.threadId;
  }

  /** Stops every replica: gracefully (requests in flight are answered first) or at once. */
  async close(graceful = false): Promise<void> {
    this.closed = true;
    const all = this.replicas;
    this.replicas = [];
    this.events.replicasChanged(0);
    await Promise.all(all.map((r) => (graceful ? r.stop() : r.kill())));
  }

  private add(replica: Replica): void {
    this.broken = false;
    replica.onCrash = (crashed) => void this.replace(crashed);
    this.replicas.push(replica);
    this.events.replicasChanged(this.replicas.length);
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async replace(crashed: Replica): Promise<void> {
    this.replicas = this.replicas.filter((r) => r !== crashed);
    this.events.replicasChanged(this.replicas.length);
    if (this.closed) return;
    this.restarts += 1;
    this.events.restarted();
    this.logger.warn(`replica on thread ${crashed.threadId} stopped; starting a replacement`);
    for (let attempt = 1; attempt <= REPLACE_ATTEMPTS && !this.closed; attempt++) {
      try {
        const fresh = await Replica.start(this.bytes);
        if (this.closed || this.replicas.length >= this.desired) await fresh.kill();
        else this.add(fresh);
        return;
      } catch (error) {
        this.logger.error(`replacement replica failed to start (attempt ${attempt}): ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    // Nothing left to answer with: requests waiting for a replica fail instead of hanging.
    if (this.replicas.length === 0) {
      this.broken = true;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }

  private leastBusy(not?: Replica): Replica | undefined {
    const candidates = this.replicas.filter((r) => r !== not);
    const choice = candidates.length > 0 ? candidates : this.replicas;
    return choice.length > 0 ? choice.reduce((a, b) => (b.inFlight < a.inFlight ? b : a)) : undefined;
  }

  /** The least busy replica other than `not`; waits while every replica is being replaced. */
  private async pick(not?: Replica): Promise<Replica> {
    for (;;) {
      if (this.closed || this.broken) throw new ReplicaCrashedError(0);
      const replica = this.leastBusy(not);
      if (replica) return replica;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}
