import { KeyObject } from 'node:crypto';
import { Clock } from '@ledger/eventstore';
import { publicKeyOf } from './jwt';

export interface JwksSource {
  /** The issuer's identifier; its discovery document names the JWKS unless `jwksUri` is given. */
  issuer: string;
  jwksUri?: string;
  clock: Clock;
  /** How long fetched keys are trusted before they are fetched again (default 10 minutes). */
  ttlMs?: number;
  /** An unknown key id refetches at most this often, so garbage tokens cannot hammer the issuer (default 30 s). */
  refetchAfterMs?: number;
}

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

/**
 * The issuer's signing keys, fetched from its JWKS and cached; a token signed by a key not
 * seen yet (the issuer rotated) triggers one refetch, rate-limited.
 */
export class Jwks {
  private current?: KeySet;
  private fetching?: Promise<KeySet>;

  constructor(private readonly source: JwksSource) {}

  async keyFor(kid: string | undefined): Promise<KeyObject | undefined> {
    const now = this.source.clock.now().getTime();
    let set =
      this.current && now - this.current.fetchedAt < (this.source.ttlMs ?? 600_000) ? this.current : await this.fetch();
    if (!pick(set, kid) && now - set.fetchedAt >= (this.source.refetchAfterMs ?? 30_000)) set = await this.fetch();
    return pick(set, kid);
  }

  private fetch(): Promise<KeySet> {
    this.fetching ??= this.load().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async load(): Promise<KeySet> {
    const uri = this.source.jwksUri ?? (await this.discover());
    const body = await getJson(uri);
    const keys = new Map<string, KeyObject>();
    const list = Array.isArray(body.keys) ? body.keys : [];
    list.forEach((jwk: Record<string, unknown>, i: number) => {
      if (jwk.use !== undefined && jwk.use !== 'sig') return;
      try {
        keys.set(typeof jwk.kid === 'string' ? jwk.kid : `#${i}`, publicKeyOf(jwk));
      } catch {
        // A key this runtime cannot read is skipped; tokens signed with it are refused.
      }
    });
    this.current = { keys, fetchedAt: this.source.clock.now().getTime() };
    return this.current;
  }

  private async discover(): Promise<string> {
    const document = await getJson(`${this.source.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (typeof document.jwks_uri !== 'string')
      throw new Error(`the discovery document of ${this.source.issuer} names no jwks_uri`);
    return document.jwks_uri;
  }
}

function pick(set: KeySet, kid: string | undefined): KeyObject | undefined {
  if (kid !== undefined) return set.keys.get(kid);
  return set.keys.size === 1 ? [...set.keys.values()][0] : undefined;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
