// A real validator process for the crash test: on VALIDATOR_DB and the PostgreSQL bus BUS_DB,
// with evaluators slowed down so runs are mid-way when the test SIGKILLs it. Not production code.
import { setTimeout as sleep } from 'node:timers/promises';
import { createBus } from '@ledger/messaging';
import { CheckEvaluator } from '../checks/check-evaluator';
import { SPINE_EVALUATORS } from '../checks/spine-evaluators';
import { createValidatorApp } from '../validator.service';

const slow = (evaluator: CheckEvaluator): CheckEvaluator => ({
  kind: evaluator.kind,
  evaluate: async (check, inputs) => {
    await sleep(15);
    return evaluator.evaluate(check, inputs);
  },
});

async function main(): Promise<void> {
  const [databaseUrl, busUrl] = [process.env.VALIDATOR_DB, process.env.BUS_DB];
  if (!databaseUrl || !busUrl) throw new Error('VALIDATOR_DB and BUS_DB are required');
  const bus = await createBus({ kind: 'postgres', clientId: 'validator-crash', databaseUrl: busUrl });
  const validator = await createValidatorApp({
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    bus,
    processMetrics: false,
    logger: ['error'],
    evaluators: SPINE_EVALUATORS.map(slow),
  });
  process.send?.({ url: validator.url });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
