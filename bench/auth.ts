// What authentication costs on the write path: the same register-version load on two platforms,
// one with authentication off and one on (every request a Bearer token checked against the
// registry's identity read model), run in turns so drift on a noisy machine hits both alike.
import { mintToken } from '@ledger/platform';
import { benchRegisterVersion } from './http';
import { startPlatformProcess } from './platform';
import { progress, round } from './stats';
import { validatorIdle } from './validator/validation';

const ROUNDS = 2;

export interface AuthOverhead {
  registerVersionAuthOffReqPerSec: number;
  registerVersionAuthOnReqPerSec: number;
  /** (1 - on / off) × 100: the share of write throughput authentication costs. */
  authOverheadPct: number;
}

export async function benchAuthOverhead(postgresUrl: string, kafkaBrokers: string[]): Promise<AuthOverhead> {
  const { token } = mintToken();
  const off = await startPlatformProcess(postgresUrl, kafkaBrokers, { label: 'authoff' });
  const on = await startPlatformProcess(postgresUrl, kafkaBrokers, { label: 'authon', adminToken: token }).catch(
    async (error) => {
      await off.stop();
      throw error;
    },
  );
  try {
    const rates = { off: [] as number[], on: [] as number[] };
    // Both platforms stay up: each turn first waits until neither validator still works off the
    // runs of an earlier turn, or the turn after a load would pay for that load's validations.
    const quiet = () => Promise.all([validatorIdle(off.validatorDatabaseUrl), validatorIdle(on.validatorDatabaseUrl)]);
    for (let round = 0; round < ROUNDS; round++) {
      await quiet();
      const plain = await benchRegisterVersion(off.urls.registry, { label: `authoff${round}` });
      await quiet();
      const authed = await benchRegisterVersion(on.urls.registry, {
        label: `authon${round}`,
        headers: { authorization: `Bearer ${token}` },
      });
      rates.off.push(plain.registerVersionReqPerSec);
      rates.on.push(authed.registerVersionReqPerSec);
      progress(
        `auth round ${round + 1}: off ${plain.registerVersionReqPerSec} req/s, on ${authed.registerVersionReqPerSec} req/s`,
      );
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
      registerVersionAuthOffReqPerSec: round(mean(rates.off), 0),
      registerVersionAuthOnReqPerSec: round(mean(rates.on), 0),
      authOverheadPct: round((1 - mean(rates.on) / mean(rates.off)) * 100, 1),
    };
  } finally {
    await Promise.all([off.stop(), on.stop()]);
  }
}
