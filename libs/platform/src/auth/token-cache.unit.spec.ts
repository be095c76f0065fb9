import { ManualClock } from '@ledger/eventstore';
import { TokenRecord } from './identity-read-model';
import { TokenCache } from './token-cache';

const record = (revoked: boolean) => ({ tokenId: 't1', revoked }) as unknown as TokenRecord;

describe('the token cache', () => {
  let stored: TokenRecord | undefined;
  let lookups: number;
  let clock: ManualClock;
  let cache: TokenCache;
  beforeEach(() => {
    stored = record(false);
    lookups = 0;
    clock = new ManualClock();
    cache = new TokenCache(async () => (lookups++, stored), clock, 1_000);
  });

  it('answers a known token from memory within its time to live', async () => {
    await cache.find('t1');
    await cache.find('t1');
    expect(lookups).toBe(1);
    clock.advance(1_000);
    await cache.find('t1');
    expect(lookups).toBe(2);
  });

  it('sees a revocation at once when this process applied it', async () => {
    await cache.find('t1');
    stored = record(true);
    cache.forgetAll();
    expect(await cache.find('t1')).toMatchObject({ revoked: true });
  });

  it('sees a revocation another instance applied once its time to live has passed', async () => {
    await cache.find('t1');
    stored = record(true);
    expect(await cache.find('t1')).toMatchObject({ revoked: false });
    clock.advance(1_000);
    expect(await cache.find('t1')).toMatchObject({ revoked: true });
  });

  it('never keeps an unknown token, so one issued a moment later works at once', async () => {
    stored = undefined;
    expect(await cache.find('t1')).toBeUndefined();
    stored = record(false);
    expect(await cache.find('t1')).toMatchObject({ tokenId: 't1' });
  });
});
