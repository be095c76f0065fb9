import { DataSource } from 'typeorm';
import { Actor, orchestratorEvents } from '@ledger/contracts';
import { MetadataSource, WorkflowRunner } from '@ledger/eventstore';
import type { AccessControl } from '@ledger/platform';
import type { RunEvent, RunInput, RunSend } from './run/run-messages';
import { RunState, runWorkflow } from './run/run.workflow';

export const ORCHESTRATOR = Symbol('orchestrator-context');
export const SOURCE = 'orchestrator';

export type RunRunner = WorkflowRunner<RunInput, RunSend, RunEvent, RunState>;

export const runRunner = (db: DataSource, newEventId: () => string): RunRunner =>
  new WorkflowRunner(db, runWorkflow, { source: SOURCE, newEventId, catalog: orchestratorEvents });

/** What the orchestrator's slices share: its database, clock and ids, who an actor is, and the run workflows. */
export interface OrchestratorContext {
  db: DataSource;
  metadata: MetadataSource;
  /** Who a command's actor is and their roles (approval gates check them). */
  access: AccessControl;
  /** Every input a run gets from an edge (start, approve, reject, cancel, retry, skip) goes through here. */
  runs: RunRunner;
  /** Who the runs' commands to other services are from (the principal they authorize). */
  commandActor: Actor;
  /** The notify step's HTTP timeout (default 10 s). */
  notifyTimeoutMs?: number;
}

export interface OrchestratorSettings {
  commandActor: Actor;
  notifyTimeoutMs?: number;
}

export function createOrchestratorContext(
  db: DataSource,
  metadata: MetadataSource,
  access: AccessControl,
  settings: OrchestratorSettings = { commandActor: { id: 'orchestrator', kind: 'service' } },
): OrchestratorContext {
  return { db, metadata, access, runs: runRunner(db, metadata.newId), ...settings };
}
