import { identityCommands, identityEvents, MessageOf, MessageOfType } from '@ledger/contracts';
import type { Command } from '@ledger/contracts';

/** Every event of the principal stream, derived from the identity event catalog. */
export type PrincipalEvent = MessageOf<typeof identityEvents>;
export type PrincipalEventOf<T extends PrincipalEvent['type']> = MessageOfType<PrincipalEvent, T>;

type CatalogCommand = MessageOf<typeof identityCommands>;
type AsCommand<M> = M extends { type: infer T extends string; data: infer D } ? Command<T, D> : never;

/**
 * Issuing a token is internal: the HTTP edge mints the id and the secret and hands the decision
 * only the secret's digest, so the secret never reaches a command, an event or a log.
 */
export interface IssueTokenData {
  name: string;
  tokenId: string;
  secretSha256: string;
  label: string;
  /** ISO-8601; null: the token does not expire. */
  expiresAt: string | null;
}

/**
 * Internal too: the service's first admin and its token, created in one decision (one append),
 * so an instance that dies in between cannot leave an admin nobody can log in as.
 */
export interface BootstrapAdminData {
  name: string;
  tokenId: string;
  secretSha256: string;
}

export type PrincipalCommand =
  AsCommand<CatalogCommand> | Command<'IssueToken', IssueTokenData> | Command<'BootstrapAdmin', BootstrapAdminData>;
export type PrincipalCommandOf<T extends PrincipalCommand['type']> = Extract<PrincipalCommand, { type: T }>;

/** A user or a service account as far as decisions need it: one stream `principal-<principalId>`. */
export interface PrincipalState {
  exists: boolean;
  principalId: string | null;
  name: string | null;
  kind: 'user' | 'service';
  roles: string[];
  disabled: boolean;
  /** Token id → when it expires (null: never), for tokens not revoked (expired ones included). */
  tokens: Record<string, string | null>;
  /** Ids of revoked tokens: revoking one again is an illegal state, not an unknown token. */
  revoked: Record<string, true>;
}

export const initialPrincipalState = (): PrincipalState => ({
  exists: false,
  principalId: null,
  name: null,
  kind: 'user',
  roles: [],
  disabled: false,
  tokens: {},
  revoked: {},
});

export function evolvePrincipal(state: PrincipalState, event: PrincipalEvent): PrincipalState {
  switch (event.type) {
    case 'PrincipalCreated': {
      const { principalId, name, kind, roles } = event.data;
      return { ...state, exists: true, principalId, name, kind, roles };
    }
    case 'PrincipalRolesSet':
      return { ...state, roles: event.data.roles };
    case 'PrincipalDisabled':
      return { ...state, disabled: true };
    case 'TokenIssued':
      return { ...state, tokens: { ...state.tokens, [event.data.tokenId]: event.data.expiresAt } };
    case 'TokenRevoked': {
      const { [event.data.tokenId]: _revoked, ...tokens } = state.tokens;
      return { ...state, tokens, revoked: { ...state.revoked, [event.data.tokenId]: true } };
    }
  }
}

/** The identity every event of a principal carries (the bus key and its name). */
export const principalRef = (state: PrincipalState): { principalId: string; name: string } => ({
  principalId: state.principalId!,
  name: state.name!,
});

export const principalStreamId = (principalId: string): string => `principal-${principalId}`;

/** Only service accounts act on behalf of others (X-Actor): a user never holds `delegate`. */
export const DELEGATE_ROLE = 'delegate';
export const ADMIN_ROLE = 'admin';
