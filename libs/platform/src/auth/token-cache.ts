import { Clock } from '@ledger/eventstore';
import { TokenRecord } from './identity-read-model';
import { TokenLookup } from './verify-token';

/**
 * Known tokens kept for a moment, so a busy service does not pay a database round trip per
 * request (it cost a fifth of the write throughput). This process forgets them all as soon as
 * it applies an identity event (a revocation, a disabled principal, new roles); another
 * instance of the service, whose consumer did not see that event, within `ttlMs`. Unknown ids
 * are not kept: a token issued a moment ago must work at once.
 */
export class TokenCache {
  private readonly entries = new Map<string, { record: TokenRecord; at: number }>();

  constructor(
    private readonly lookup: TokenLookup,
    private readonly clock: Clock,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 10_000,
  ) {}

  readonly find: TokenLookup = async (tokenId) => {
    const now = this.clock.now().getTime();
    const kept = this.entries.get(tokenId);
    if (kept && now - kept.at < this.ttlMs) return kept.record;
    const record = await this.lookup(tokenId);
    if (!record) this.entries.delete(tokenId);
    else {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(tokenId, { record, at: now });
    }
    return record;
  };

  forgetAll(): void {
    this.entries.clear();
  }
}
