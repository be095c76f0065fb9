import { Controller, Get, Module, Post } from '@nestjs/common';
import { CommandMetadata, Envelope, Topics } from '@ledger/contracts';
import { EventLog, migrate, openDatabase, rebuildInline } from '@ledger/eventstore';
import { createBus } from '@ledger/messaging';
import { eventually, freshDatabaseUrl, IdentityEventsPublisher } from '@ledger/testing';
import { DataSource } from 'typeorm';
import { HttpCommandMetadata } from '../http/command-metadata.http';
import { ServiceDefinition, StartServiceOptions } from '../host/service-definition';
import { RunningService, startService } from '../host/start-service';
import { receiveIdentityEvent } from './identity-events.consumer';
import { IDENTITY_READ_MODEL_MIGRATION, identityReadModel } from './identity-read-model';
import { CurrentPrincipal, Principal } from './principal';

@Controller('api/v1/me')
class Me {
  @Get()
  who(@CurrentPrincipal() principal: Principal | undefined) {
    return principal ?? {};
  }

  @Post()
  act(@HttpCommandMetadata() metadata: CommandMetadata) {
    return metadata.actor;
  }
}

function toyService(overrides: Partial<ServiceDefinition<object>> = {}): ServiceDefinition<object> {
  return {
    name: 'toy',
    http: { title: 'toy' },
    migrations: [],
    context: () => ({}),
    module: () => {
      const module = class ToyModule {};
      Module({ controllers: [Me] })(module);
      return { module };
    },
    ...overrides,
  };
}

const start = (definition: ServiceDefinition<object>, options: Partial<StartServiceOptions> = {}) =>
  startService(definition, {
    databaseUrl: freshDatabaseUrl('kit_auth'),
    port: 0,
    host: '127.0.0.1',
    logger: false,
    processMetrics: false,
    auth: 'on',
    ...options,
  });

const me = (service: RunningService<object>, token: string) =>
  fetch(`${service.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

const rows = (db: DataSource) =>
  db.query(`SELECT to_jsonb(p) AS principal, (SELECT jsonb_agg(to_jsonb(t) ORDER BY token_id) FROM auth_tokens t WHERE t.principal_id = p.principal_id) AS tokens
            FROM auth_principals p ORDER BY name`);

describe('authentication in the service host', () => {
  it('feeds every service from ml.identity.events, in its own consumer group, and attaches the principal for its routes', async () => {
    const bus = await createBus({
      kind: 'postgres',
      databaseUrl: freshDatabaseUrl('kit_auth_bus'),
      clientId: 'kit-auth',
    });
    const service = await start(toyService(), { bus });
    try {
      const identity = new IdentityEventsPublisher(bus);
      const trainer = await identity.createPrincipal('trainer', { kind: 'service', roles: ['approver'] });
      const { token } = await identity.issueToken(trainer);
      const principal = await eventually(async () => {
        const answer = await me(service, token);
        expect(answer.status).toBe(200);
        return answer.json();
      });
      expect(principal).toEqual({
        principalId: trainer.principalId,
        name: 'trainer',
        kind: 'service',
        roles: ['approver'],
      });
      const consumers = await service.db.query(`SELECT DISTINCT consumer, topic FROM consumer_offsets`);
      expect(consumers).toEqual([{ consumer: 'toy.identity-events', topic: Topics.identityEvents }]);
      const actor = await fetch(`${service.url}/api/v1/me`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await actor.json()).toEqual({ id: 'trainer', kind: 'service' });
    } finally {
      await service.close();
      await bus.close();
    }
  });

  it('lets the identity service authenticate from its own log, which already holds the identity events', async () => {
    const owner = toyService({
      name: 'toy-identity',
      relay: { topic: Topics.identityEvents, keyOf: (event) => String(event.data.principalId) },
    });
    const service = await start(owner);
    try {
      const log = new EventLog(service.db);
      const append = ({ id, type, schemaVersion, data, streamId, ...metadata }: Envelope) =>
        log.append(streamId, [{ id, type, schemaVersion, data, metadata }], 'any');
      const identity = new IdentityEventsPublisher(append);
      const { token } = await identity.issueToken(await identity.createPrincipal('admin', { roles: ['admin'] }));
      await eventually(async () => expect((await me(service, token)).status).toBe(200));
      expect(await service.db.query(`SELECT count(*)::int AS n FROM consumer_offsets`)).toEqual([{ n: 0 }]);
    } finally {
      await service.close();
    }
  });

  it('will not start authenticating without the bus it would learn principals and tokens from', async () => {
    await expect(start(toyService())).rejects.toThrow(
      `toy: authentication needs the bus, to learn principals and tokens from ${Topics.identityEvents}`,
    );
  });
});

describe('the identity read model', () => {
  let db: DataSource;
  let offset = 0;
  const received: Envelope[] = [];
  const receive = (envelope: Envelope) =>
    receiveIdentityEvent(db, identityReadModel, envelope, {
      consumer: 'toy.identity-events',
      topic: Topics.identityEvents,
      partition: 0,
      offset: String(++offset),
    });

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('kit_auth_read_model') });
    await migrate(db, [IDENTITY_READ_MODEL_MIGRATION]);
    const identity = new IdentityEventsPublisher((envelope) => (received.push(envelope), receive(envelope)));
    const alice = await identity.createPrincipal('alice', { roles: ['approver'] });
    await identity.issueToken(alice, '2026-06-01T00:00:00Z');
    const revoked = await identity.issueToken(alice);
    await identity.revokeToken(alice, revoked.tokenId);
    await identity.disable(await identity.createPrincipal('mallory'));
  });
  afterAll(() => db?.destroy());

  it('takes each identity event once, into the inbox, with its effect', async () => {
    const before = await rows(db);
    for (const envelope of received) await receive(envelope);
    expect(await rows(db)).toEqual(before);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'inbox-identity-%'`);
    expect(n).toBe(received.length);
    expect(
      before.map((r: { principal: { name: string; disabled: boolean } }) => [r.principal.name, r.principal.disabled]),
    ).toEqual([
      ['alice', false],
      ['mallory', true],
    ]);
    const tokens = before[0].tokens.map((t: { revoked: boolean; expires_at: string | null }) => ({
      revoked: t.revoked,
      expires: t.expires_at !== null,
    }));
    expect(tokens).toHaveLength(2);
    expect(tokens).toEqual(
      expect.arrayContaining([
        { revoked: true, expires: false },
        { revoked: false, expires: true },
      ]),
    );
  });

  it('is rebuilt from the inbox to the same rows', async () => {
    const before = await rows(db);
    await rebuildInline(db, identityReadModel);
    expect(await rows(db)).toEqual(before);
  });
});
