import { Feature } from '@ledger/platform';
import type { IdentityContext } from '../identity.context';
import { CreatePrincipalHttp } from './creating-principal/create-principal.http';
import { createPrincipalOnBus } from './creating-principal/create-principal.bus';
import { PRINCIPAL_NAMES_MIGRATION, principalNamesProjection } from './creating-principal/principal-names.projection';
import { PrincipalsHttp } from './getting-principals/principals.http';
import { PRINCIPALS_MIGRATION, principalsProjection } from './getting-principals/principals.projection';
import { SetRolesHttp } from './setting-roles/set-roles.http';
import { setRolesOnBus } from './setting-roles/set-roles.bus';
import { DisablePrincipalHttp } from './disabling-principal/disable-principal.http';
import { disablePrincipalOnBus } from './disabling-principal/disable-principal.bus';
import { IssueTokenHttp } from './issuing-token/issue-token.http';
import { ListTokensHttp } from './listing-tokens/list-tokens.http';
import { PRINCIPAL_TOKENS_MIGRATION, tokensProjection } from './listing-tokens/tokens.projection';
import { RevokeTokenHttp } from './revoking-token/revoke-token.http';
import { revokeTokenOnBus } from './revoking-token/revoke-token.bus';

/** The principal aggregate: users and service accounts, their roles and API tokens. */
export const principalFeature: Feature<IdentityContext> = {
  name: 'principal',
  http: [
    CreatePrincipalHttp,
    PrincipalsHttp,
    SetRolesHttp,
    DisablePrincipalHttp,
    IssueTokenHttp,
    ListTokensHttp,
    RevokeTokenHttp,
  ],
  // Issuing a token is HTTP only: its secret must reach the caller.
  bus: [createPrincipalOnBus, setRolesOnBus, disablePrincipalOnBus, revokeTokenOnBus],
  // The name index first: a taken name aborts the transaction before any other read model is touched.
  inline: [principalNamesProjection, principalsProjection, tokensProjection],
  migrations: [PRINCIPAL_NAMES_MIGRATION, PRINCIPALS_MIGRATION, PRINCIPAL_TOKENS_MIGRATION],
};
