import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, createBus } from '@ledger/messaging';
import {
  eventually,
  freshDatabaseUrl,
  IdentityEventsPublisher,
  serviceUnderTest,
  ServiceUnderTest,
} from '@ledger/testing';
import { ValidatorContext, validatorService } from '../validator.service';
import { upload } from './datasets.harness';

// The upload is a raw Express route mounted ahead of the JSON plumbing: it must still sit behind
// authentication, and record who uploaded.
describe('dataset uploads with authentication on', () => {
  let bus: Bus;
  let t: ServiceUnderTest<ValidatorContext>;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-datasets-auth-'));
    bus = await createBus({
      kind: 'postgres',
      clientId: 'datasets-auth',
      databaseUrl: freshDatabaseUrl('datasets_auth_bus'),
    });
    t = await serviceUnderTest(validatorService, {
      label: 'datasets_auth',
      bus,
      auth: 'on',
      config: { artifactsDir: dir },
    });
  });
  afterAll(async () => {
    await t?.close();
    await bus?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an upload without a token and records the principal of one with a token', async () => {
    const identity = new IdentityEventsPublisher(bus);
    const { token } = await identity.issueToken(await identity.createPrincipal('trainer'));
    const url = t.service.url;
    const anonymous = await upload(url, '/api/v1/datasets/ref/versions', 'a\n1\n', 'text/csv');
    expect(anonymous.status).toBe(401);

    const bearer = { authorization: `Bearer ${token}` };
    // The token reaches the validator through its identity read model, asynchronously.
    await eventually(async () => expect((await t.api('GET', '/api/v1/whoami', undefined, bearer)).status).toBe(200));
    const answer = await upload(url, '/api/v1/datasets/ref/versions', 'a\n1\n', 'text/csv', bearer);
    expect(answer.status).toBe(201);
    expect(answer.body.registeredBy).toBe('trainer');
    expect((await t.api('GET', '/api/v1/datasets', undefined, bearer)).body.datasets).toHaveLength(1);
  });
});
