// Test fixtures shared by the decide specs of this aggregate (not shipped code paths).
import { CommandMetadata } from '@ledger/contracts';
import type { PrincipalCommand, PrincipalEvent, PrincipalEventOf } from './principal';

export const PRINCIPAL_ID = '0190a6f0-0000-7000-8000-0000000000a1';
export const NOW = '2026-03-03T14:00:00.000Z';
export const TOKEN_ID = '0123456789abcdef0123456789abcdef';
export const DIGEST = 'a'.repeat(64);
const REF = { principalId: PRINCIPAL_ID, name: 'alice' };

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: NOW,
  newId: PRINCIPAL_ID,
  actor: { id: 'root', kind: 'user' },
  correlationId: 'corr-1',
  causationId: null,
  ...overrides,
});

/** A command of the aggregate, addressed to "alice" unless the data names another principal. */
export function command<T extends PrincipalCommand['type']>(
  type: T,
  data: Omit<Extract<PrincipalCommand, { type: T }>['data'], 'name'> & { name?: string },
): Extract<PrincipalCommand, { type: T }> {
  return { type, data: { name: 'alice', ...data }, metadata: metadata() } as unknown as Extract<
    PrincipalCommand,
    { type: T }
  >;
}

/** An event of the principal "alice", with its id and name filled in. */
export function event<T extends PrincipalEvent['type']>(
  type: T,
  data: Omit<PrincipalEventOf<T>['data'], 'principalId' | 'name'>,
): PrincipalEventOf<T> {
  return { type, data: { ...REF, ...data } } as unknown as PrincipalEventOf<T>;
}

export const created = (
  kind: 'user' | 'service' = 'user',
  roles: string[] = [],
): PrincipalEventOf<'PrincipalCreated'> => event('PrincipalCreated', { kind, displayName: '', roles });

export const issued = (tokenId = TOKEN_ID, expiresAt: string | null = null): PrincipalEventOf<'TokenIssued'> =>
  event('TokenIssued', { tokenId, secretSha256: DIGEST, label: '', expiresAt });

export const issueToken = (overrides: { tokenId?: string; expiresAt?: string | null; label?: string } = {}) =>
  command('IssueToken', { tokenId: TOKEN_ID, secretSha256: DIGEST, label: '', expiresAt: null, ...overrides });

/** A token id from a number, 32 hex digits like the minted ones. */
export const tokenIdOf = (n: number): string => n.toString(16).padStart(32, '0');
