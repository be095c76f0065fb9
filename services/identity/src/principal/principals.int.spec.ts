import { serviceUnderTest, ServiceUnderTest } from '@ledger/testing';
import { rebuildInline } from '@ledger/eventstore';
import { identityProjections, identityService, IdentityServiceContext } from '../identity.service';

// The admin API of the identity service over HTTP (authentication off, as every test runs for now).
describe('principals and their tokens over HTTP', () => {
  let t: ServiceUnderTest<IdentityServiceContext>;

  beforeAll(async () => {
    t = await serviceUnderTest(identityService, { label: 'identity_principals' });
  });
  afterAll(() => t.close());

  const create = (body: unknown) => t.api('POST', '/api/v1/principals', body);

  it('creates, gets and lists principals', async () => {
    const created = await create({ name: 'alice@example.com', displayName: 'Alice', roles: ['approver'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'alice@example.com',
      kind: 'user',
      displayName: 'Alice',
      roles: ['approver'],
      disabled: false,
    });
    expect((await create({ name: 'trainer', kind: 'service', roles: ['delegate'] })).status).toBe(201);
    expect(await t.api('GET', '/api/v1/principals/alice@example.com')).toEqual({ status: 200, body: created.body });
    const all = await t.api('GET', '/api/v1/principals');
    expect(all.body.principals.map((p: { name: string }) => p.name)).toEqual(['alice@example.com', 'trainer']);
    const firstPage = await t.api('GET', '/api/v1/principals?limit=1');
    expect(firstPage.body).toMatchObject({
      principals: [{ name: 'alice@example.com' }],
      nextAfter: 'alice@example.com',
    });
    expect((await t.api('GET', '/api/v1/principals?limit=1&after=alice@example.com')).body.principals[0].name).toBe(
      'trainer',
    );
  });

  it('issues a token shown once, lists it without the token or its digest, and revokes it', async () => {
    await create({ name: 'bob' });
    const issued = await t.api('POST', '/api/v1/principals/bob/tokens', {
      label: 'laptop',
      expiresAt: '2099-01-01T00:00:00+01:00',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      token: expect.stringMatching(/^mlt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/),
      tokenId: expect.any(String),
      label: 'laptop',
      expiresAt: '2098-12-31T23:00:00.000Z',
    });
    const { token, tokenId } = issued.body;
    expect(token.startsWith(`mlt_${tokenId}_`)).toBe(true);
    const listed = await t.api('GET', '/api/v1/principals/bob/tokens');
    expect(listed.body).toEqual({
      tokens: [
        {
          tokenId,
          principal: 'bob',
          label: 'laptop',
          createdAt: expect.any(String),
          expiresAt: '2098-12-31T23:00:00.000Z',
          revokedAt: null,
        },
      ],
    });
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(-43));
    const revoked = await t.api('DELETE', `/api/v1/principals/bob/tokens/${tokenId}`);
    expect(revoked).toEqual({ status: 200, body: { ...listed.body.tokens[0], revokedAt: expect.any(String) } });
    expect((await t.api('DELETE', `/api/v1/principals/bob/tokens/${tokenId}`)).body.error_code).toBe('INVALID_STATE');
    expect((await t.api('DELETE', `/api/v1/principals/bob/tokens/${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('sets roles, and a disabled principal gets no new roles or tokens but can have its tokens revoked', async () => {
    await create({ name: 'carol' });
    expect((await t.api('PUT', '/api/v1/principals/carol/roles', { roles: ['approver'] })).body.roles).toEqual([
      'approver',
    ]);
    const { tokenId } = (await t.api('POST', '/api/v1/principals/carol/tokens', {})).body;
    const disabled = await t.api('POST', '/api/v1/principals/carol/disable');
    expect(disabled).toMatchObject({ status: 200, body: { name: 'carol', disabled: true } });
    expect((await t.api('POST', '/api/v1/principals/carol/disable')).status).toBe(200);
    expect(await t.api('POST', '/api/v1/principals/carol/tokens', {})).toMatchObject({
      status: 409,
      body: { error_code: 'INVALID_STATE' },
    });
    expect((await t.api('PUT', '/api/v1/principals/carol/roles', { roles: [] })).status).toBe(409);
    expect((await t.api('DELETE', `/api/v1/principals/carol/tokens/${tokenId}`)).status).toBe(200);
  });

  it('keeps at least one enabled admin: the last one cannot be disabled or demoted', async () => {
    await create({ name: 'root', roles: ['admin'] });
    const lastAdmin = {
      status: 409,
      body: {
        error_code: 'INVALID_STATE',
        message: 'principal "root" is the last enabled admin: make another principal admin first',
      },
    };
    expect(await t.api('POST', '/api/v1/principals/root/disable')).toMatchObject(lastAdmin);
    expect(await t.api('PUT', '/api/v1/principals/root/roles', { roles: ['approver'] })).toMatchObject(lastAdmin);
    await create({ name: 'deputy', roles: ['admin'] });
    expect((await t.api('PUT', '/api/v1/principals/root/roles', { roles: ['approver'] })).status).toBe(200);
    expect(await t.api('POST', '/api/v1/principals/deputy/disable')).toMatchObject({
      status: 409,
      body: { message: expect.stringContaining('"deputy" is the last enabled admin') },
    });
  });

  it('keeps an admin when every enabled admin is disabled at the same moment (the check runs in the append)', async () => {
    const own = await serviceUnderTest(identityService, { label: 'identity_admin_race' });
    try {
      const enabledAdmins = async () => {
        const { body } = await own.api('GET', '/api/v1/principals?limit=1000');
        return (body.principals as { name: string; roles: string[]; disabled: boolean }[])
          .filter((p) => p.roles.includes('admin') && !p.disabled)
          .map((p) => p.name);
      };
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 3; i++)
          await own.api('POST', '/api/v1/principals', { name: `admin-${round}-${i}`, roles: ['admin'] });
        const admins = await enabledAdmins();
        const answers = await Promise.all(admins.map((name) => own.api('POST', `/api/v1/principals/${name}/disable`)));
        expect(answers.map((a) => a.status).sort()).toEqual([...admins.slice(1).map(() => 200), 409]);
        expect(await enabledAdmins()).toHaveLength(1);
      }
    } finally {
      await own.close();
    }
  });

  it('refuses a taken name: 400 RESOURCE_ALREADY_EXISTS, nothing written', async () => {
    await create({ name: 'dave' });
    const before = await t.eventCount();
    expect(await create({ name: 'dave', kind: 'service' })).toEqual({
      status: 400,
      body: {
        error_code: 'RESOURCE_ALREADY_EXISTS',
        message: 'principal "dave" already exists (names are unique regardless of case)',
        details: { name: 'dave' },
      },
    });
    expect((await create({ name: 'Dave' })).body.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    expect(await t.eventCount()).toBe(before);
  });

  it('lets exactly one of many concurrent creations of one name win', async () => {
    const before = await t.eventCount();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create({ name: i % 2 ? 'raced' : 'RACED' })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400 && r.body.error_code === 'RESOURCE_ALREADY_EXISTS')).toHaveLength(
      11,
    );
    expect(await t.eventCount()).toBe(before + 1);
  });

  it.each([
    ['a name with a space', () => create({ name: 'has space' }), /^name: must start with a letter or digit/],
    ['an unknown kind', () => create({ name: 'erin', kind: 'robot' }), /^kind: /],
    [
      'the delegate role for a user',
      () => create({ name: 'erin', roles: ['delegate'] }),
      /^roles: the delegate role is only for service accounts/,
    ],
    ['an unknown field', () => create({ name: 'erin', password: 'x' }), /^password: is not a known field/],
    [
      'an expiry in the past',
      () => t.api('POST', '/api/v1/principals/dave/tokens', { expiresAt: '2001-01-01T00:00:00Z' }),
      /^expiresAt: must be in the future/,
    ],
    [
      'an expiry that is no date',
      () => t.api('POST', '/api/v1/principals/dave/tokens', { expiresAt: 'tomorrow' }),
      /^expiresAt: /,
    ],
    [
      'a malformed token id',
      () => t.api('DELETE', '/api/v1/principals/dave/tokens/xyz'),
      /^tokenId: must be 32 lower-case hex digits/,
    ],
    ['a limit out of range', () => t.api('GET', '/api/v1/principals?limit=0'), /^limit: must be at least 1/],
  ])('refuses %s: 400 INVALID_PARAMETER_VALUE naming the field', async (_what, request, message) => {
    const before = await t.eventCount();
    const response = await request();
    expect(response).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) },
    });
    expect(await t.eventCount()).toBe(before);
  });

  it('answers 404 for an unknown principal on every route', async () => {
    const unknown = '/api/v1/principals/nobody';
    for (const [method, path, body] of [
      ['GET', unknown],
      ['PUT', `${unknown}/roles`, { roles: [] }],
      ['POST', `${unknown}/disable`],
      ['POST', `${unknown}/tokens`, {}],
      ['GET', `${unknown}/tokens`],
      ['DELETE', `${unknown}/tokens/${'0'.repeat(32)}`],
    ] as const) {
      expect(await t.api(method, path, body)).toMatchObject({
        status: 404,
        body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'principal "nobody" does not exist' },
      });
    }
  });

  // DESIGN.md invariant 6, after every flow above: dropping the read models and replaying the log gives the same rows.
  it('rebuilds its read models from the log to the same rows', async () => {
    const tables = ['principal_names ORDER BY name', 'principals ORDER BY name', 'principal_tokens ORDER BY token_id'];
    const rows = () => Promise.all(tables.map((table) => t.service.db.query(`SELECT * FROM ${table}`)));
    const before = await rows();
    expect(before.every((table) => table.length > 0)).toBe(true);
    for (const projection of identityProjections) await rebuildInline(t.service.db, projection);
    expect(await rows()).toEqual(before);
  });

  it('documents every route at /docs-json', async () => {
    const { paths } = (await t.api('GET', '/docs-json')).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/principals',
        '/api/v1/principals/{name}',
        '/api/v1/principals/{name}/roles',
        '/api/v1/principals/{name}/disable',
        '/api/v1/principals/{name}/tokens',
        '/api/v1/principals/{name}/tokens/{tokenId}',
      ]),
    );
  });
});
