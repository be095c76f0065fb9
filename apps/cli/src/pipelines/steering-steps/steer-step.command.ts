import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { runPath, SteerAnswer, steered } from '../pipeline-run';

const VERBS = {
  approve: 'Approve a step waiting for approval',
  reject: 'Reject a step waiting for approval (the run fails)',
  retry: 'Retry a failed step',
  skip: 'Skip a step',
} as const;

export function registerStepSteering(pipeline: Command, cli: Cli): void {
  for (const [verb, description] of Object.entries(VERBS)) {
    const command = pipeline
      .command(verb)
      .description(description)
      .argument('<run>', 'run id')
      .argument('<step>', 'step id')
      .option('--comment <text>', 'kept with the decision')
      .action(
        act(cli, async ({ client, out }, runId: string, stepId: string, options: { comment?: string }) => {
          const path = `${runPath(runId)}/steps/${encodeURIComponent(stepId)}/${verb}`;
          // retry and skip take no comment; skip's reason is the comment.
          const body =
            verb === 'skip' ? { reason: options.comment } : verb === 'retry' ? {} : { comment: options.comment };
          const answer = await client.send<SteerAnswer>('orchestrator', 'POST', path, body);
          out.result(answer, () => steered(`${verb} of step ${stepId} in run ${runId}`, answer));
        }),
      );
    examples(command, [`pipeline ${verb} 0193a3c4-… manual-approval --comment "looks good"`]);
  }
}
