// `npm run bench:http`: only the register-version load (32 connections on one model, then on
// 32 models), about a minute instead of the full bench's three, for before/after comparisons
// while working on the write path. Prints one JSON object; writes no results file.
import { measureCpu } from './cpu';
import { benchRegisterVersion, createModel, HTTP_CONNECTIONS } from './http';
import { runId, startInfra } from './infra';
import { startPlatformProcess } from './platform';

async function main(): Promise<void> {
  const infra = await startInfra();
  const platform = await startPlatformProcess(infra.postgresUrl, infra.kafkaBrokers).catch(async (error) => {
    await infra.stop();
    throw error;
  });
  try {
    const model = `bench-http-one-${runId}`;
    await createModel(platform.urls.registry, model);
    const oneModel = await measureCpu(() =>
      benchRegisterVersion(platform.urls.registry, {
        models: Array.from({ length: HTTP_CONNECTIONS }, () => model),
        label: 'one',
      }),
    );
    const spread = await measureCpu(() => benchRegisterVersion(platform.urls.registry));
    console.log(JSON.stringify({ oneModel, spreadOver32Models: spread }, null, 2));
  } finally {
    await platform.stop();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
