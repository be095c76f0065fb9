import { randomBytes } from 'node:crypto';
import { formatToken } from '@ledger/contracts';
import { newId, systemClock } from '@ledger/eventstore';
import { startService } from '@ledger/platform';
import { freshDatabaseUrl } from '@ledger/testing';
import { identityService } from '../../identity.service';
import { bootstrapAdmin } from './bootstrap-admin';
import { captureOutput, everyRowAsText, sha256 } from '../../identity.harness';

// Every log level, so the test sees whatever the bootstrap would ever log.
const instanceOn = (databaseUrl: string, bootstrapAdmin?: { name: string; token: string }) =>
  startService(identityService, {
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    processMetrics: false,
    logger: ['error', 'warn', 'log', 'debug', 'verbose'],
    bootstrapAdmin,
  });

/** Starts instances with their output captured (and kept out of the test report). */
async function quietly<T>(start: () => Promise<T>): Promise<{ started: T; output: string }> {
  const output = captureOutput();
  try {
    return { started: await start(), output: output.text() };
  } finally {
    output.restore();
  }
}

const newToken = () => ({ secret: randomBytes(32).toString('base64url'), tokenId: randomBytes(16).toString('hex') });

describe('the bootstrap admin', () => {
  it('is created once, with its token, when two instances start at once on one database; the token is never stored or logged', async () => {
    const databaseUrl = freshDatabaseUrl('identity_bootstrap');
    const { secret, tokenId } = newToken();
    const admin = { name: 'admin', token: formatToken({ tokenId, secret }) };
    const { started: instances, output } = await quietly(() =>
      Promise.all([instanceOn(databaseUrl, admin), instanceOn(databaseUrl, admin)]),
    );
    try {
      const [db] = instances.map((i) => i.db);
      const events = await db.query(`SELECT event_type AS type, data FROM events ORDER BY global_position`);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['PrincipalCreated', 'TokenIssued']);
      expect(events[0].data).toMatchObject({ name: 'admin', kind: 'user', roles: ['admin'] });
      expect(events[1].data).toMatchObject({
        tokenId,
        secretSha256: sha256(secret),
        label: 'bootstrap',
        expiresAt: null,
      });
      expect(await everyRowAsText(db)).not.toContain(secret);
      expect(output).toContain('bootstrap admin "admin" created');
      expect(output).not.toContain(secret);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });

  it('has one effect when two instances run it at the very same moment (one stream, one commandId)', async () => {
    const databaseUrl = freshDatabaseUrl('identity_bootstrap_race');
    const { started: instances } = await quietly(() => Promise.all([instanceOn(databaseUrl), instanceOn(databaseUrl)]));
    try {
      const admin = { name: 'admin', token: formatToken(newToken()) };
      const outcomes = await Promise.all(
        instances.map((i) => bootstrapAdmin(i.context.identity, admin, { clock: systemClock, newId })),
      );
      expect(outcomes.sort()).toEqual(['already-bootstrapped', 'created']);
      const [{ count }] = await instances[0].db.query(`SELECT count(*)::int AS count FROM events`);
      expect(count).toBe(2);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });

  it('is not created again once an admin exists, whatever token a later start brings', async () => {
    const databaseUrl = freshDatabaseUrl('identity_bootstrap_again');
    await (
      await quietly(() => instanceOn(databaseUrl, { name: 'admin', token: formatToken(newToken()) }))
    ).started.close();
    const { started: second, output } = await quietly(() =>
      instanceOn(databaseUrl, { name: 'root', token: formatToken(newToken()) }),
    );
    expect(output).toContain('an admin exists: the bootstrap admin was not created again');
    try {
      const [{ count }] = await second.db.query(`SELECT count(*)::int AS count FROM events`);
      expect(count).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('leaves a principal of that name alone when it is no admin', async () => {
    const databaseUrl = freshDatabaseUrl('identity_bootstrap_taken');
    const { started: plain } = await quietly(() => instanceOn(databaseUrl));
    const response = await fetch(`${plain.url}/api/v1/principals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin' }),
    });
    expect(response.status).toBe(201);
    await plain.close();
    const { started: again, output } = await quietly(() =>
      instanceOn(databaseUrl, { name: 'admin', token: formatToken(newToken()) }),
    );
    expect(output).toContain('principal "admin" exists without the admin role');
    try {
      const rows = await again.db.query(`SELECT event_type AS type FROM events`);
      expect(rows.map((r: { type: string }) => r.type)).toEqual(['PrincipalCreated']);
    } finally {
      await again.close();
    }
  });
});
