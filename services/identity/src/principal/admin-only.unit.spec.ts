import { CommandMetadata, ForbiddenError } from '@ledger/contracts';
import { Principal } from '@ledger/platform';
import { IdentityContext } from '../identity.context';
import { CreatePrincipalHttp } from './creating-principal/create-principal.http';
import { PrincipalsHttp } from './getting-principals/principals.http';
import { SetRolesHttp } from './setting-roles/set-roles.http';
import { DisablePrincipalHttp } from './disabling-principal/disable-principal.http';
import { IssueTokenHttp } from './issuing-token/issue-token.http';
import { ListTokensHttp } from './listing-tokens/list-tokens.http';
import { RevokeTokenHttp } from './revoking-token/revoke-token.http';
import { metadata as commandMetadata, TOKEN_ID } from './principal.fixtures';
import { principalFeature } from '.';

// A context that fails the test when anything reaches it: a refused request must do nothing.
const untouchable = new Proxy({} as IdentityContext, {
  get: () => {
    throw new Error('reached the identity context');
  },
});
const meta: CommandMetadata = commandMetadata();
const who = (roles: string[]): Principal => ({
  principalId: '0190a6f0-0000-7000-8000-0000000000b2',
  name: 'bob',
  kind: 'user',
  roles,
});

const ROUTES: [string, (principal: Principal) => Promise<unknown>][] = [
  ['create', (p) => new CreatePrincipalHttp(untouchable).create({ name: 'eve', roles: ['admin'] }, p, meta)],
  ['list', (p) => new PrincipalsHttp(untouchable).list({}, p)],
  ['get', (p) => new PrincipalsHttp(untouchable).get('alice', p)],
  ['set roles', (p) => new SetRolesHttp(untouchable).set('bob', { roles: ['admin'] }, p, meta)],
  ['disable', (p) => new DisablePrincipalHttp(untouchable).disable('alice', p, meta)],
  ['issue a token', (p) => new IssueTokenHttp(untouchable).issue('alice', {}, p, meta)],
  ['list tokens', (p) => new ListTokensHttp(untouchable).list('alice', p)],
  ['revoke a token', (p) => new RevokeTokenHttp(untouchable).revoke('alice', TOKEN_ID, p, meta)],
];

describe('the admin API', () => {
  it('is every route of the principal feature', () => {
    const covered = [
      CreatePrincipalHttp,
      PrincipalsHttp,
      SetRolesHttp,
      DisablePrincipalHttp,
      IssueTokenHttp,
      ListTokensHttp,
      RevokeTokenHttp,
    ];
    expect(new Set(principalFeature.http)).toEqual(new Set(covered));
  });

  it.each(ROUTES)(
    'refuses to %s for a principal without the admin role, before doing anything',
    async (_route, call) => {
      await expect(call(who(['approver']))).rejects.toThrow(ForbiddenError);
    },
  );

  it.each(ROUTES)('lets an admin through to %s', async (_route, call) => {
    await expect(call(who(['admin']))).rejects.toThrow('reached the identity context');
  });
});
