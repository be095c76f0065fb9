import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { metricArg, pairArg } from '../../arguments';
import { RefusedError, UsageError } from '../../connecting/cli-errors';
import { fields } from '../../printing/output';
import { act, Cli, examples, Session } from '../../session';
import { modelPath, VersionView } from '../version-view';
import { progressBar, uploadArtifact, UploadedArtifact } from './artifact-upload';

interface RegisterOptions {
  source?: string;
  runId?: string;
  description?: string;
  metric?: Record<string, number>;
  param?: Record<string, string>;
  tag?: Record<string, string>;
  signature?: string;
  artifact?: string;
}

export function registerRegister(program: Command, cli: Cli): void {
  const command = program
    .command('register')
    .description('Register the next version of a model (creating the model if needed), optionally uploading its file')
    .argument('<model>', 'registered model name')
    .option('--source <uri>', 'where the model files came from (s3://…, runs:/…)')
    .option('--run-id <id>', 'the training run')
    .option('--description <text>', 'what changed')
    .option('--metric <key=value>', 'a metric (repeatable)', metricArg)
    .option('--param <key=value>', 'a parameter (repeatable)', pairArg)
    .option('--tag <key=value>', 'a tag (repeatable)', pairArg)
    .option('--signature <file.json>', 'input/output signature: {"inputs": [...], "outputs": [...]}')
    .option('--artifact <file>', 'upload this file as the version’s artifact (sha256-verified)')
    .action(act(cli, (session, model: string, options: RegisterOptions) => register(session, model, options)));
  examples(command, [
    'register churn --source s3://models/churn/7 --run-id run-42 --metric auc=0.91 --tag team=growth',
    'register churn --artifact model.onnx --signature signature.json   # prints the sha256',
  ]);
}

async function register(session: Session, model: string, options: RegisterOptions): Promise<void> {
  const { client, out } = session;
  const body = {
    source: options.source,
    runId: options.runId,
    description: options.description,
    metrics: options.metric,
    params: options.param,
    tags: options.tag,
    signature: options.signature === undefined ? undefined : readSignature(options.signature),
  };
  const path = `${modelPath(model)}/versions`;
  const version = await client.send<VersionView>('registry', 'POST', path, body).catch(async (error) => {
    if (!(error instanceof RefusedError) || error.status !== 404) throw error;
    await client.send('registry', 'POST', '/api/v1/models', { name: model });
    out.note(`created registered model ${model}`);
    return client.send<VersionView>('registry', 'POST', path, body);
  });
  let artifact: UploadedArtifact | null = version.artifact;
  if (options.artifact) {
    artifact = await uploadArtifact(client, { model, version: version.version }, options.artifact, (sent, total) =>
      out.progress(progressBar(sent, total)),
    );
    out.progressEnd();
  }
  out.result({ ...version, artifact }, () =>
    fields(out.colours, [
      ['Model', model],
      ['Version', version.version],
      ['Label', version.semver?.label],
      ['Why', version.semver?.reason],
      ['Stage', version.stage],
      ['Artifact sha256', artifact?.sha256],
      ['Artifact bytes', artifact?.sizeBytes],
    ]),
  );
}

function readSignature(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--signature ${file}: not a readable JSON file (${(error as Error).message})`);
  }
}
