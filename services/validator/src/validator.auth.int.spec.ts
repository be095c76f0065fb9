import { Topics } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus, createBus } from '@ledger/messaging';
import {
  eventually,
  freshDatabaseUrl,
  IdentityEventsPublisher,
  serviceUnderTest,
  ServiceUnderTest,
  versionCreated,
} from '@ledger/testing';
import { ValidatorContext, validatorService } from './validator.service';

// The validator consumes two topics with two consumers in one app: registry events in runs (a
// batch handler) and identity events. Each run must reach its own consumer's handler only.
describe('validator with authentication on', () => {
  let bus: Bus;
  let t: ServiceUnderTest<ValidatorContext>;

  beforeAll(async () => {
    bus = await createBus({
      kind: 'postgres',
      clientId: 'validator-auth',
      databaseUrl: freshDatabaseUrl('validator_auth_bus'),
    });
    t = await serviceUnderTest(validatorService, { label: 'validator_auth', bus, auth: 'on' });
  });
  afterAll(async () => {
    await t.close();
    await bus.close();
  });

  it('learns tokens from identity events while it takes registry events in runs', async () => {
    const identity = new IdentityEventsPublisher(bus);
    const alice = await identity.createPrincipal('alice');
    const { token } = await identity.issueToken(alice);
    const modelId = newId();
    const versions = Array.from({ length: 20 }, (_, i) => versionCreated(modelId, i + 1));
    await bus.publish(
      versions.map((v) => ({ topic: Topics.registryEvents, key: modelId, value: JSON.stringify(v), headers: {} })),
    );

    const pending = () =>
      t.api('GET', '/api/v1/validations/pending?model=churn', undefined, { authorization: `Bearer ${token}` });
    await eventually(async () => expect((await pending()).body.versions).toHaveLength(20));
    expect((await t.api('GET', '/api/v1/validations/pending?model=churn')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/whoami', undefined, { authorization: `Bearer ${token}` })).body).toEqual({
      authenticated: true,
      name: 'alice',
      kind: 'user',
      roles: [],
    });
  });
});
