import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AlreadyExistsError, parseToken } from '@ledger/contracts';
import { commandMetadata, MetadataSource } from '@ledger/eventstore';
import { secretDigest, Worker } from '@ledger/platform';
import { IdentityContext } from '../../identity.context';
import { ADMIN_ROLE, principalStreamId } from '../principal';
import { someoneHolds } from '../getting-principals/principals.projection';
import { BootstrapAdminInput } from './bootstrap-admin.settings';

export type BootstrapOutcome = 'created' | 'admin-exists' | 'already-bootstrapped' | 'name-taken';

/**
 * Creates the first admin with its token unless an enabled admin exists. Every instance that
 * starts at once on one database sends the same command — the same principal id (derived from
 * the name) and commandId `bootstrap:<name>` — so they queue on one stream and only the first
 * has an effect. Once it ran, its commandId is spent: the bootstrap never runs twice.
 */
export async function bootstrapAdmin(
  identity: IdentityContext,
  admin: BootstrapAdminInput,
  source: MetadataSource,
): Promise<BootstrapOutcome> {
  if (await someoneHolds(identity.db, ADMIN_ROLE)) return 'admin-exists';
  const { tokenId, secret } = parseToken(admin.token)!;
  const principalId = bootstrapPrincipalId(admin.name);
  const origin = { actor: { id: 'identity', kind: 'service' as const }, commandId: `bootstrap:${admin.name}` };
  const metadata = { ...commandMetadata(source, origin), newId: principalId };
  try {
    const handled = await identity.principals.handle(principalStreamId(principalId), {
      type: 'BootstrapAdmin',
      data: { name: admin.name, tokenId, secretSha256: secretDigest(secret) },
      metadata,
    });
    return handled.duplicate ? 'already-bootstrapped' : 'created';
  } catch (error) {
    // Someone created a principal of that name by hand: it is not made an admin behind their back.
    if (error instanceof AlreadyExistsError) return 'name-taken';
    throw error;
  }
}

/** A UUID (version 8: custom) from the name, so every instance picks the same stream. */
export function bootstrapPrincipalId(name: string): string {
  const hex = createHash('sha256').update(`model-ledger:bootstrap-admin:${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const MESSAGES: Record<BootstrapOutcome, (name: string) => string> = {
  created: (name) => `bootstrap admin "${name}" created with the configured token`,
  'admin-exists': () => 'an admin exists: the bootstrap admin was not created again',
  'already-bootstrapped': (name) =>
    `bootstrap admin "${name}" was created before (by this or another instance); it is not created again`,
  'name-taken': (name) =>
    `bootstrap admin: principal "${name}" exists without the admin role; it was left as it is and the configured token was not recorded`,
};

/** Runs the bootstrap once at start, beside HTTP and the bus; logs the outcome, never the token. */
export function bootstrapAdminWorker(
  identity: IdentityContext,
  admin: BootstrapAdminInput,
  source: MetadataSource,
): Worker {
  const logger = new Logger('identity');
  return {
    name: 'bootstrap-admin',
    async start() {
      const outcome = await bootstrapAdmin(identity, admin, source);
      // Left without a working admin login only when the name is taken: worth a warning.
      if (outcome === 'name-taken') logger.warn(MESSAGES[outcome](admin.name));
      else logger.log(MESSAGES[outcome](admin.name));
    },
    async stop() {},
  };
}
