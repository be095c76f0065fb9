import { Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';

const logger = new Logger('Artifacts');

/**
 * The advisory lock key of a digest, in SQL with $1 = blobLockName(sha256). Every registry
 * process sharing the store shares this database, so the same digest is the same lock in all
 * of them (and in tests that play another process).
 */
export const BLOB_LOCK_KEY = 'hashtextextended($1, 0)';
export const blobLockName = (sha256: string): string => `blob:${sha256}`;

/** Ends a claim; idempotent and never throws (an unlock that fails ends with its session). */
export type ReleaseClaim = () => Promise<void>;

/**
 * Claims on blob digests, as PostgreSQL session advisory locks. Content addressing dedups
 * identical bytes, so a refused upload's blob can be the very file another upload (in any
 * process) has published and is about to attach, which version_artifacts cannot show yet.
 *
 * - An uploader holds the digest's lock SHARED from just before it publishes until its
 *   ArtifactAttached has committed (or it was refused): claims never exclude each other.
 * - A discard takes it EXCLUSIVE without waiting: it gets it only when nobody holds a claim,
 *   and while it holds it, a claim waits, so the claimant publishes its own copy afterwards.
 *
 * Each lock lives on a connection of the registry's pool held only for that short window (no
 * connection is held while bytes stream). An uploader that holds one still needs another for
 * its attach transaction, so at most half the pool holds locks at a time: otherwise a burst of
 * uploads could take every connection and wait forever for one to attach with.
 */
export class BlobClaims {
  private readonly sessions: Slots;

  constructor(
    private readonly db: DataSource,
    sessions = lockSessionsFor(db),
  ) {
    this.sessions = new Slots(sessions);
  }

  /** Claims the digest (waiting while a discard of it runs anywhere); the answer releases it. */
  async claim(sha256: string): Promise<ReleaseClaim> {
    const session = await this.open();
    try {
      await session.runner.query(`SELECT pg_advisory_lock_shared(${BLOB_LOCK_KEY})`, [blobLockName(sha256)]);
    } catch (error) {
      await session.close();
      throw error;
    }
    let released: Promise<void> | undefined;
    return () => (released ??= this.unlock(session, 'pg_advisory_unlock_shared', sha256));
  }

  /**
   * Runs work (on the locking session) holding the digest exclusively, when no process holds a
   * claim on it; answers false, without running it, when one does.
   */
  async ifUnclaimed(sha256: string, work: (on: QueryRunner) => Promise<void>): Promise<boolean> {
    const session = await this.open();
    let locked = false;
    try {
      const [row] = await session.runner.query(`SELECT pg_try_advisory_lock(${BLOB_LOCK_KEY}) AS locked`, [
        blobLockName(sha256),
      ]);
      locked = row.locked === true;
      if (locked) await work(session.runner);
      return locked;
    } finally {
      if (locked) await this.unlock(session, 'pg_advisory_unlock', sha256);
      else await session.close();
    }
  }

  private async open(): Promise<Session> {
    const free = await this.sessions.take();
    const runner = this.db.createQueryRunner();
    return {
      runner,
      close: async (broken?: Error) => {
        // A session that may still hold a lock must not go back to the pool: with an error, the
        // pool closes it, and the server then drops every lock it held.
        const destroy = (runner as { releasePostgresConnection?: (error?: Error) => Promise<void> })
          .releasePostgresConnection;
        await (broken && destroy ? destroy.call(runner, broken) : runner.release()).catch(() => undefined);
        free();
      },
    };
  }

  private async unlock(session: Session, unlock: string, sha256: string): Promise<void> {
    let broken: Error | undefined;
    try {
      await session.runner.query(`SELECT ${unlock}(${BLOB_LOCK_KEY})`, [blobLockName(sha256)]);
    } catch (error) {
      broken = error as Error;
      logger.warn(`could not unlock the claim on blob ${sha256}, closing its session: ${broken.message}`);
    } finally {
      await session.close(broken);
    }
  }
}

interface Session {
  runner: QueryRunner;
  /** Back to the pool, or closed when `broken` (it may still hold a lock). */
  close(broken?: Error): Promise<void>;
}

/** Half the pool (pg's default pool is 10), at least one. */
function lockSessionsFor(db: DataSource): number {
  const max = Number((db.options as { extra?: { max?: unknown } }).extra?.max ?? 10);
  return Math.max(1, Math.floor(max / 2));
}

/** A counting semaphore: take() waits for a free slot and answers its (idempotent) release. */
export class Slots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
