import { once } from 'node:events';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromReplica, ModelSignature, ToReplica, WireFeeds } from './replica-protocol';

/** The replica's thread ended while requests were in flight: they may be retried elsewhere. */
export class ReplicaCrashedError extends Error {
  constructor(exitCode: number) {
    super(`the replica stopped (exit code ${exitCode}) while running the request`);
  }
}

/** The model itself failed on inputs that matched its declared inputs: the version's fault. */
export class ModelRunError extends Error {}

/** The model could not be loaded or did not answer its warm-up. */
export class ReplicaLoadError extends Error {}

interface Pending {
  resolve(outputs: WireFeeds): void;
  reject(error: Error): void;
}

// From the TypeScript sources (npm start, Jest) the worker compiles its entry with the repo's
// SWC hook; from a build it loads the emitted .js next to this file.
const REGISTER = resolve(__dirname, '../../../../scripts/register.js');
function workerEntry(): string {
  const entry = join(__dirname, `replica.worker${extname(__filename)}`);
  const hook = extname(__filename) === '.ts' ? `require(${JSON.stringify(REGISTER)});` : '';
  return `${hook} require(${JSON.stringify(entry)});`;
}

const live = new Set<Worker>();
/** Replica threads of this process that have not exited yet (unload and close end them). */
export const liveReplicaThreads = (): number => live.size;

/** One worker thread with its own onnxruntime session; started by Replica.start once warmed up. */
export class Replica {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private drained?: () => void;
  model!: ModelSignature;
  threadId = -1;
  /** Called once when the thread ends without being asked to. */
  onCrash: (replica: Replica) => void = () => undefined;

  private constructor(private readonly worker: Worker) {
    live.add(worker);
    worker.once('exit', () => live.delete(worker));
    worker.on('message', (message: FromReplica) => this.receive(message));
    worker.on('error', () => undefined); // the exit that follows is what counts
    worker.once('exit', (code) => this.exited(code));
  }

  /** Starts a thread, loads the model and warms it up; rejects with ReplicaLoadError. */
  static async start(bytes: Uint8Array): Promise<Replica> {
    const replica = new Replica(new Worker(workerEntry(), { eval: true }));
    const ready = replica.firstAnswer();
    replica.post({ kind: 'load', bytes });
    try {
      const answer = await ready;
      if (answer.kind !== 'ready') throw new ReplicaLoadError(answer.kind === 'load-failed' ? answer.message : '');
      replica.model = answer.model;
      replica.threadId = answer.threadId;
      return replica;
    } catch (error) {
      await replica.kill();
      throw error instanceof ReplicaLoadError ? error : new ReplicaLoadError(String(error));
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  run(feeds: WireFeeds): Promise<WireFeeds> {
    const id = this.nextId++;
    return new Promise<WireFeeds>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ kind: 'run', id, feeds });
    });
  }

  /** Answers what it has in flight, then ends its thread (the session is freed with it). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.kill();
  }

  /** Ends the thread at once; requests in flight fail with ReplicaCrashedError. */
  async kill(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  /**
   * Ends the thread as a crash would (the owner sees it through onCrash), once what it holds is
   * answered: terminating a thread inside a native onnxruntime call can abort the whole process.
   */
  async crash(): Promise<number> {
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    return this.worker.terminate();
  }

  private post(message: ToReplica): void {
    this.worker.postMessage(message);
  }

  private firstAnswer(): Promise<FromReplica> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      once(this.worker, 'exit').then(
        ([code]) => reject(new ReplicaLoadError(`the replica exited (code ${code})`)),
        reject,
      );
    });
  }

  private receive(message: FromReplica): void {
    if (message.kind !== 'result' && message.kind !== 'run-failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.kind === 'result') pending.resolve(message.outputs);
    else pending.reject(new ModelRunError(message.message));
    if (this.pending.size === 0) this.drained?.();
  }

  private exited(code: number): void {
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    for (const p of inFlight) p.reject(new ReplicaCrashedError(code));
    this.drained?.();
    if (!this.stopping && this.threadId >= 0) this.onCrash(this);
  }
}
