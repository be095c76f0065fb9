import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseToken } from '@ledger/contracts';
import { mintToken } from '@ledger/platform';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface AdminToken {
  token: string;
  file: string;
  /** Minted by this start: the banner shows it, once. */
  fresh: boolean;
}

/**
 * The first admin's API token for `npm start`: minted on the first start and kept, readable by
 * its owner only, in the data folder (for the CLI and scripts), so later starts reuse it. The
 * identity service records only its digest.
 */
export function adminTokenIn(dataDir: string): AdminToken {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (!parseToken(token)) throw new Error(`${file} does not hold an API token (mlt_…); remove it to mint a new one`);
    return { token, file, fresh: false };
  }
  const { token } = mintToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file, fresh: true };
}

/**
 * Resolves once every service takes the token (each learns it from ml.identity.events), so the
 * banner's first curl never meets a 401; false if one has not after `timeoutMs`.
 */
export async function tokenAcceptedBy(urls: string[], token: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const accepts = async (url: string) =>
    (await fetch(`${url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined))
      ?.ok === true;
  for (let waiting = urls; waiting.length > 0;) {
    const answers = await Promise.all(waiting.map(accepts));
    waiting = waiting.filter((_, i) => !answers[i]);
    if (waiting.length === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
