import { Command, Option } from 'commander';
import { listArg, positiveIntArg, versionArg } from '../../arguments';
import { OutcomeError, UsageError } from '../../connecting/cli-errors';
import { act, Cli, examples, Session } from '../../session';
import { pendingOn404, watchUntil } from '../../watching';
import { deploymentFields, DeploymentView, handledText, RolloutHandled, targetPath } from '../deployment-view';

interface DeployOptions {
  env: string;
  strategy?: string;
  steps?: string[];
  replicas?: number;
  reason?: string;
  watch?: boolean;
  interval: number;
  timeout: number;
}

export function registerDeploy(program: Command, cli: Cli): void {
  const command = program
    .command('deploy')
    .description('Roll a version out to an environment (strategy and replicas default to the environment’s policy)')
    .argument('<model>', 'registered model name')
    .argument('<version>', 'version number', versionArg)
    .requiredOption('--env <environment>', 'target environment, e.g. production')
    .addOption(
      new Option('--strategy <kind>', 'rollout strategy').choices(['replace', 'canary', 'blue-green', 'rolling']),
    )
    .option('--steps <weights>', 'canary traffic steps in percent (default 10,50)', listArg)
    .option('--replicas <n>', 'replicas to serve with', positiveIntArg)
    .option('--reason <text>', 'why (kept in the deployment’s events)')
    .option('--watch', 'follow the rollout until it ends; exit 1 unless it succeeds')
    .addOption(new Option('--interval <ms>', 'poll interval with --watch').default(1000).argParser(positiveIntArg))
    .addOption(new Option('--timeout <s>', 'give up watching after').default(1800).argParser(positiveIntArg))
    .action(
      act(cli, (session, model: string, version: number, options: DeployOptions) =>
        deploy(session, model, version, options),
      ),
    );
  examples(command, [
    'deploy churn 7 --env production',
    'deploy churn 8 --env production --strategy canary --steps 10,50 --watch',
  ]);
}

async function deploy({ client, out }: Session, model: string, version: number, options: DeployOptions): Promise<void> {
  const handled = await client.send<RolloutHandled>(
    'deployer',
    'POST',
    `${targetPath(options.env, model)}/deployments`,
    {
      version,
      replicas: options.replicas,
      reason: options.reason,
      strategy: strategyOf(options),
    },
  );
  if (!options.watch || !handled.deploymentId) {
    out.result(handled, () => handledText(`deploy ${model} v${version} to ${options.env}`, handled));
    return;
  }
  const read = () =>
    client
      .get<{ deployment: DeploymentView }>(
        'deployer',
        `/api/v1/deployments/${encodeURIComponent(handled.deploymentId!)}`,
      )
      .then((answer) => answer.deployment);
  const rollout = await watchUntil(
    pendingOn404(read),
    (d) => d.endedAt !== null,
    (d) => out.progress(progressOf(d)),
    {
      intervalMs: options.interval,
      timeoutSeconds: options.timeout,
    },
  );
  out.progressEnd();
  out.result(rollout, () => deploymentFields(out.colours, rollout));
  if (rollout.phase !== 'succeeded')
    throw new OutcomeError(
      `DEPLOYMENT_${rollout.phase.toUpperCase().replace(/-/g, '_')}: ${rollout.outcomeReason ?? ''}`,
    );
}

const progressOf = (d: DeploymentView): string =>
  `${d.phase}${d.step === null ? '' : ` step ${d.step + 1}`}${d.weight === null ? '' : ` weight ${d.weight}%`}${d.pausedReason ? ` (paused: ${d.pausedReason})` : ''}`;

function strategyOf(options: DeployOptions): object | undefined {
  if (options.steps && options.strategy !== 'canary') throw new UsageError('--steps: only with --strategy canary');
  if (options.strategy !== 'canary') return options.strategy ? { kind: options.strategy } : undefined;
  const weights = (options.steps ?? ['10', '50']).map((w) => {
    if (!/^\d{1,3}$/.test(w) || Number(w) < 1 || Number(w) > 100)
      throw new UsageError(`--steps: "${w}" is not a percentage 1..100`);
    return Number(w);
  });
  return { kind: 'canary', steps: weights.map((weight) => ({ weight })) };
}
