import { CommandMetadata, ValidateModelVersionInput } from '@ledger/contracts';
import { versionFactsByName } from '@ledger/registry-knowledge';
import { ValidatorContext } from '../../validator.context';
import { prepareRun } from './prepare-run';

export interface StartedRun {
  runId: string;
  /** false when the same command had started it before. */
  started: boolean;
}

/**
 * ValidateModelVersion, from HTTP or the bus: the run's id is derived from the command's id, so
 * a resent command answers with the run it started the first time.
 */
export async function startRun(
  context: ValidatorContext,
  input: ValidateModelVersionInput,
  metadata: CommandMetadata,
): Promise<StartedRun> {
  const commandId = metadata.commandId ?? metadata.newId;
  const subject = await versionFactsByName(context.db.manager, input.name, input.version);
  const run = await prepareRun(context.db.manager, {
    subject,
    policyVersion: input.policyVersion,
    dryRun: input.dryRun,
    trigger: { kind: 'ValidateModelVersion', id: commandId },
  });
  const handled = await context.runs.handle({
    type: 'StartValidationRun',
    data: run,
    metadata: { ...metadata, commandId: `start:${run.runId}` },
  });
  return { runId: run.runId, started: !handled.duplicate };
}
