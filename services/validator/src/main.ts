// Runs the validator alone (distributed mode), configured from the environment.
import { createBus } from '@ledger/messaging';
import { closeOnSignal, readServiceEnv } from '@ledger/platform';
import { createValidatorApp } from './app';

async function main(): Promise<void> {
  const env = readServiceEnv('validator', 8082);
  const bus = await createBus({ kind: env.bus.kind, clientId: env.service, kafkaBrokers: env.bus.kafkaBrokers, databaseUrl: env.bus.databaseUrl, namespace: env.bus.namespace });
  const validator = await createValidatorApp({ databaseUrl: env.databaseUrl, port: env.port, host: env.host, bus });
  console.log(`validator ready on ${validator.url} (bus: ${env.bus.kind})`);
  closeOnSignal(async () => {
    await validator.close();
    await bus.close();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
