import { dlqTopic, Topics } from '@ledger/contracts';
import { DLQ_HEADERS } from '@ledger/messaging';
import { eventually } from '@ledger/testing';
import {
  captureOutput,
  everyRowAsText,
  IdentityOnBus,
  publishedEvents,
  sha256,
  startIdentityOnBus,
} from './identity.harness';

// The identity service on the PostgreSQL bus: commands in from ml.identity.commands, events out
// on ml.identity.events through the relay, keyed by principal id.
describe('identity on the bus', () => {
  let h: IdentityOnBus;

  beforeAll(async () => {
    h = await startIdentityOnBus('identity_on_bus');
  });
  afterAll(() => h.close());

  const principal = async (name: string) => (await h.t.api('GET', `/api/v1/principals/${name}`)).body;
  const dead = () => h.seen.filter((m) => m.topic === dlqTopic(Topics.identityCommands));

  it('publishes TokenIssued with the digest of the secret, never the secret, keyed by principal id', async () => {
    const { principalId } = (await h.t.api('POST', '/api/v1/principals', { name: 'alice' })).body;
    const { token, tokenId } = (await h.t.api('POST', '/api/v1/principals/alice/tokens', { label: 'ci' })).body;
    const secret = token.slice(-43);
    const issued = await eventually(() => {
      const found = publishedEvents(h).find((e) => e.type === 'TokenIssued' && e.data.tokenId === tokenId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(issued).toMatchObject({
      source: 'identity',
      streamId: `principal-${principalId}`,
      data: { principalId, name: 'alice', tokenId, secretSha256: sha256(secret), label: 'ci', expiresAt: null },
    });
    const messages = h.seen.filter((m) => m.topic === Topics.identityEvents);
    expect(messages.every((m) => m.key === principalId)).toBe(true);
    expect(messages.some((m) => m.value.includes(secret))).toBe(false);
  });

  it('keeps the secret out of every table of its database and out of its logs', async () => {
    const output = captureOutput();
    try {
      await h.t.api('POST', '/api/v1/principals', { name: 'quiet' });
      const { token, tokenId } = (await h.t.api('POST', '/api/v1/principals/quiet/tokens', {})).body;
      await h.t.api('POST', '/api/v1/principals/quiet/tokens', { expiresAt: '2001-01-01T00:00:00Z' });
      await h.t.api('DELETE', `/api/v1/principals/quiet/tokens/${tokenId}`);
      const secret = token.slice(-43);
      const stored = await everyRowAsText(h.t.service.db);
      expect(stored).toContain(sha256(secret));
      expect(stored).not.toContain(secret);
      expect(output.text()).not.toContain(secret);
    } finally {
      output.restore();
    }
  });

  it('takes the catalog commands from the bus and gives a resent commandId no second effect', async () => {
    const create = h.command('CreatePrincipal', { name: 'trainer', kind: 'service' });
    const roles = h.command('SetPrincipalRoles', { name: 'trainer', roles: ['delegate'] });
    await h.send(create, roles, create, roles);
    await eventually(async () =>
      expect(await principal('trainer')).toMatchObject({ kind: 'service', roles: ['delegate'] }),
    );
    const disable = h.command('DisablePrincipal', { name: 'trainer' });
    await h.send(disable, disable, h.command('CreatePrincipal', { name: 'after-resends' }));
    await eventually(async () => expect(await principal('after-resends')).toMatchObject({ name: 'after-resends' }));
    const [{ count }] = await h.t.service.db.query(
      `SELECT count(*)::int AS count FROM events WHERE data->>'name' = 'trainer'`,
    );
    expect(count).toBe(3);
    expect(await principal('trainer')).toMatchObject({ disabled: true });
    expect(dead()).toEqual([]);
  });

  it('revokes a token from the bus and dead-letters commands that can never succeed', async () => {
    await h.t.api('POST', '/api/v1/principals', { name: 'leaky' });
    const { tokenId } = (await h.t.api('POST', '/api/v1/principals/leaky/tokens', {})).body;
    await h.send(
      h.command('RevokeToken', { name: 'leaky', tokenId }),
      h.command('RevokeToken', { name: 'leaky', tokenId }),
      h.command('CreatePrincipal', { name: 'bad name' }),
    );
    await eventually(async () =>
      expect((await h.t.api('GET', '/api/v1/principals/leaky/tokens')).body.tokens[0].revokedAt).not.toBeNull(),
    );
    await eventually(() => expect(dead()).toHaveLength(2));
    const errors = dead().map((m) => m.headers[DLQ_HEADERS.error]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/INVALID_STATE: token \w+ of principal "leaky" is already revoked/),
        expect.stringMatching(/name/),
      ]),
    );
  });
});
