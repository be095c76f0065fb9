import { DataSource, EntityManager } from 'typeorm';
import { Command, ConflictError, ValidationError } from '@ledger/contracts';
import { EventLog, NewEvent } from '../event-log';
import { lockForWriting } from '../inline-rebuild';
import { announceAppend } from '../wake-up';
import { cancelTimers, NewTimer, storeTimers } from '../timers/timer-store';
import { storeSends } from './command-outbox';
import { eventToRecord, RecordOptions, recordsToEvents } from './workflow-records';
import { evolveAll, Message, Timer, Workflow, WorkflowOutput, WorkflowRecord } from '@ledger/contracts';

export interface WorkflowRunnerOptions extends RecordOptions {
  /** Decisions tried again when another writer moved the stream first (default 5). */
  maxAttempts?: number;
}

export interface WorkflowHandled<I extends Command, C extends Message, E extends Message, S> {
  streamId: string;
  state: S;
  version: number;
  outputs: WorkflowOutput<I, C, E>[];
  /** The input's commandId was handled before: nothing was recorded or done again. */
  duplicate: boolean;
}

/**
 * Runs a workflow's decision on one input in one transaction: the input and every output are
 * appended to the workflow's stream at the version it was loaded at, timers it sets are stored,
 * timers it cancels are cancelled, and commands it sends go to the outbox (a dispatcher delivers
 * them). Each input is handled once per commandId, however often it is delivered.
 */
export class WorkflowRunner<I extends Command, C extends Message, E extends Message, S> {
  private readonly log: EventLog;

  constructor(
    private readonly db: DataSource,
    readonly workflow: Workflow<I, C, E, S>,
    private readonly options: WorkflowRunnerOptions,
  ) {
    this.log = new EventLog(db);
  }

  async handle(input: I): Promise<WorkflowHandled<I, C, E, S>> {
    const streamId = this.workflow.streamOf(input);
    for (let attempt = 1; ; attempt++) {
      try {
        const handled = await this.db.transaction((tx) => this.handleIn(tx, streamId, input));
        if (!handled.duplicate) announceAppend(this.db);
        return handled;
      } catch (error) {
        if (!(error instanceof ConflictError) || !error.retryable || attempt >= (this.options.maxAttempts ?? 5))
          throw error;
      }
    }
  }

  /** The same inside the caller's transaction: a timer's firing and the decision on it commit together. */
  async handleIn(tx: EntityManager, streamId: string, input: I): Promise<WorkflowHandled<I, C, E, S>> {
    const messageId = input.metadata.commandId;
    if (!messageId)
      throw new ValidationError(
        `a ${this.workflow.name} input needs a commandId: it is what makes a redelivery a no-op`,
      );
    await lockForWriting(tx, [streamId], false);
    const { state, version } = await this.load(tx, streamId);
    if (!(await this.claim(tx, messageId))) return { streamId, state, version, outputs: [], duplicate: true };
    const outputs = this.workflow.decide(input, state);
    const events = recordsToEvents(this.options, input, outputs);
    await this.log.append(streamId, events, version === 0 ? 'no_stream' : version, tx);
    await this.act(tx, streamId, input, outputs, events.slice(1));
    const records: WorkflowRecord<I, C, E>[] = [{ kind: 'input', input }, ...outputs];
    return {
      streamId,
      state: evolveAll(this.workflow, state, records),
      version: version + events.length,
      outputs,
      duplicate: false,
    };
  }

  /** A workflow instance's state, folded from every record on its stream. */
  async load(on: EntityManager, streamId: string): Promise<{ state: S; version: number }> {
    const events = await this.log.readStream(streamId, 0, on);
    const state = evolveAll(
      this.workflow,
      this.workflow.initialState(),
      events.map((e) => eventToRecord<I, C, E>(e)),
    );
    return { state, version: events.at(-1)?.streamPosition ?? 0 };
  }

  private async claim(tx: EntityManager, messageId: string): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [`workflow:${this.workflow.name}`, messageId],
    );
    return rows.length > 0;
  }

  /**
   * The effects of the outputs, each keyed by the id of the record that decided it: a timer's id
   * and a sent command's commandId are stable however often they are looked at again. Cancels
   * go first, so a decision may cancel a timer and set one of the same name anew.
   */
  private async act(
    tx: EntityManager,
    streamId: string,
    input: I,
    outputs: WorkflowOutput<I, C, E>[],
    records: NewEvent[],
  ): Promise<void> {
    const timers: NewTimer[] = [];
    const cancelled: string[] = [];
    const sends: Command[] = [];
    outputs.forEach((output, i) => {
      if (output.kind === 'schedule') timers.push(this.timerOf(streamId, input, output.timer, records[i].id));
      if (output.kind === 'cancel') cancelled.push(output.timerId);
      if (output.kind === 'send') sends.push(this.commandOf(input, output.command, records[i].id));
    });
    await cancelTimers(tx, streamId, cancelled);
    await storeTimers(tx, timers);
    await storeSends(tx, this.workflow.name, streamId, sends);
  }

  private timerOf(streamId: string, input: I, timer: Timer<I>, id: string): NewTimer {
    return {
      timerId: id,
      owner: this.workflow.name,
      streamId,
      localId: timer.id,
      dueAt: new Date(timer.dueAt),
      payload: { input: timer.input, correlationId: input.metadata.correlationId },
    };
  }

  private commandOf(input: I, command: C, id: string): Command {
    const { now, correlationId } = input.metadata;
    return {
      ...command,
      metadata: {
        now,
        newId: id,
        actor: { id: this.workflow.name, kind: 'service' },
        correlationId,
        causationId: input.metadata.commandId ?? null,
        commandId: id,
      },
    };
  }
}
