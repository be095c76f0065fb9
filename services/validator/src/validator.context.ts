import { DataSource } from 'typeorm';
import { validatorEvents } from '@ledger/contracts';
import { CommandHandler, MetadataSource, WorkflowRunner } from '@ledger/eventstore';
import { CheckEvaluator } from './checks/check-evaluator';
import type { DatasetsContext } from './dataset/datasets.context';
import { CheckEvaluators } from './checks/check-evaluators';
import { policyDecider } from './policy/policy.decider';
import { PolicyCommand, PolicyEvent, PolicyState } from './policy/policy';
import { EvaluateCheck, RunEvent, RunInput, RunState, runWorkflow } from './run/run.workflow';

export const VALIDATOR = Symbol('validator-context');
export const SOURCE = 'validator';

export type RunRunner = WorkflowRunner<RunInput, EvaluateCheck, RunEvent, RunState>;

/** What the validator's slices share: its database, clock and ids, its policies, its runs, its evaluators. */
export interface ValidatorContext {
  db: DataSource;
  metadata: MetadataSource;
  policies: CommandHandler<PolicyCommand, PolicyEvent, PolicyState>;
  runs: RunRunner;
  evaluators: CheckEvaluators;
  datasets: DatasetsContext;
}

export const runRunner = (db: DataSource, newEventId: () => string): RunRunner =>
  new WorkflowRunner(db, runWorkflow, { source: SOURCE, newEventId, catalog: validatorEvents });

export function createValidatorContext(
  db: DataSource,
  metadata: MetadataSource,
  evaluators: CheckEvaluator[],
  datasets: DatasetsContext,
): ValidatorContext {
  return {
    db,
    datasets,
    metadata,
    policies: new CommandHandler(db, {
      decider: policyDecider,
      source: SOURCE,
      catalog: validatorEvents,
      newEventId: metadata.newId,
    }),
    runs: runRunner(db, metadata.newId),
    evaluators: new CheckEvaluators(evaluators),
  };
}
