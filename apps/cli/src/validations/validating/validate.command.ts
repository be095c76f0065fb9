import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { positiveIntArg, versionArg } from '../../arguments';
import { OutcomeError, UsageError } from '../../connecting/cli-errors';
import { statusColour } from '../../printing/colours';
import { act, Cli, examples, Session } from '../../session';
import { pendingOn404, watchUntil } from '../../watching';
import { runFinished, runReport, RunView } from '../validation-run';

interface ValidateOptions {
  policy?: string;
  dryRun?: boolean;
  watch?: boolean;
  interval: number;
  timeout: number;
}

export function registerValidate(program: Command, cli: Cli): void {
  const command = program
    .command('validate')
    .description("Validate a version under its model's policy (or a new one from --policy)")
    .argument('<model>', 'registered model name')
    .argument('<version>', 'version number', versionArg)
    .option('--policy <file>', 'set this policy (YAML or JSON) first, then validate under it')
    .option('--dry-run', 'report without a verdict event')
    .option('--watch', 'follow the checks until the verdict; exit 1 if it fails')
    .addOption(new Option('--interval <ms>', 'poll interval with --watch').default(500).argParser(positiveIntArg))
    .addOption(new Option('--timeout <s>', 'give up watching after').default(600).argParser(positiveIntArg))
    .action(
      act(cli, (session, model: string, version: number, options: ValidateOptions) =>
        validate(session, model, version, options),
      ),
    );
  examples(command, [
    'validate churn 7',
    'validate churn 7 --policy policy.yaml --watch   # live progress; exit 1 when it fails',
    'validate churn 7 --dry-run -o json',
  ]);
}

async function validate(session: Session, model: string, version: number, options: ValidateOptions): Promise<void> {
  const { client, out } = session;
  const policyVersion = options.policy ? await setPolicy(session, model, options.policy) : undefined;
  const started = await client.send<{ runId: string; started: boolean }>('validator', 'POST', '/api/v1/validations', {
    name: model,
    version,
    policyVersion,
    dryRun: options.dryRun === true,
  });
  const read = () => client.get<RunView>('validator', `/api/v1/validations/${started.runId}`);
  if (!options.watch) {
    const run = (await pendingOn404(read)()) ?? { runId: started.runId, status: 'started' };
    out.result(run, () => `Validation run ${run.runId} ${run.status} (mledger report ${run.runId})`);
    return;
  }
  out.note(`validating ${model} v${version}: run ${started.runId}`);
  const run = await watchUntil(
    pendingOn404(read),
    runFinished,
    (r) => out.progress(`checks ${r.progress.done}/${r.progress.total} ${r.status}`),
    {
      intervalMs: options.interval,
      timeoutSeconds: options.timeout,
    },
  );
  out.progressEnd();
  out.result(run, () => runReport(out.colours, run));
  if (run.status === 'failed')
    throw new OutcomeError(`VALIDATION_FAILED: ${model} v${version} ${statusColour(out.colours, 'failed')}`);
}

async function setPolicy(session: Session, model: string, file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--policy ${file}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
  }
  const json = /\.json$/i.test(file);
  const policy = await session.client.request<{ policyVersion: number }>(
    'validator',
    'PUT',
    `/api/v1/validation-policies/${encodeURIComponent(model)}`,
    {
      body: text,
      contentType: json ? 'application/json' : 'application/yaml',
    },
  );
  session.out.note(`policy version ${policy.policyVersion} of ${model} in force`);
  return policy.policyVersion;
}
