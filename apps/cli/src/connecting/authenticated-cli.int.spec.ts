import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, createBus } from '@ledger/messaging';
import { eventually, freshDatabaseUrl, IdentityEventsPublisher, mintToken, MintedToken } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from '../../../../services/registry/src/registry.harness';
import { runMledger } from '../cli.harness';

/**
 * The CLI against a registry with authentication on: where it finds its token (MLEDGER_TOKEN
 * beats the config file, which beats ./data/admin-token), and what a refusal says — a 401 names
 * the token it sent or where it looked for one; a 403 is the server's words alone.
 */
describe('mledger with authentication on', () => {
  let bus: Bus;
  let registry: RegistryUnderTest;
  let dir: string;
  let admin: MintedToken;
  let reader: MintedToken;
  const run = (args: string[], env: Record<string, string> = {}, cwd = dir) =>
    runMledger(args, { MLEDGER_URL: registry.registry.url, ...env }, cwd);

  beforeAll(async () => {
    bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl('cli_auth_bus'), clientId: 'cli-auth' });
    registry = await startRegistry('cli_auth', { bus, auth: 'on' });
    const identity = new IdentityEventsPublisher(bus);
    admin = await identity.issueToken(await identity.createPrincipal('ada', { roles: ['admin'] }));
    reader = await identity.issueToken(await identity.createPrincipal('rex'));
    for (const { token } of [admin, reader])
      await eventually(async () =>
        expect(
          (await fetch(`${registry.registry.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } }))
            .status,
        ).toBe(200),
      );
    dir = await mkdtemp(join(tmpdir(), 'cli-auth-'));
  });
  afterAll(async () => {
    await registry?.close();
    await bus?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('without a token: exits 1 with the 401 and where it looked for one', async () => {
    const answer = await run(['models', 'list']);
    expect(answer).toMatchObject({ code: 1, stdout: '' });
    expect(answer.stderr).toMatch(
      /^UNAUTHENTICATED: .+ \(mledger found no token: set MLEDGER_TOKEN, .+\/data\/admin-token is\)\n$/,
    );
  });

  it('sends MLEDGER_TOKEN as a bearer token', async () => {
    expect(await run(['register', 'churn', '--source', 's3://m/1'], { MLEDGER_TOKEN: admin.token })).toMatchObject({
      code: 0,
    });
    const listed = await run(['models', 'list', '-o', 'json'], { MLEDGER_TOKEN: admin.token });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('"churn"');
  });

  it('takes the token npm start keeps in ./data/admin-token; MLEDGER_TOKEN beats it, and a refused one is named', async () => {
    const here = await mkdtemp(join(tmpdir(), 'cli-auth-data-'));
    try {
      await mkdir(join(here, 'data'));
      await writeFile(join(here, 'data', 'admin-token'), `${admin.token}\n`, { mode: 0o600 });
      expect((await run(['models', 'list'], {}, here)).code).toBe(0);
      const stranger = await run(['models', 'list'], { MLEDGER_TOKEN: mintToken().token }, here);
      expect(stranger.code).toBe(1);
      expect(stranger.stderr).toMatch(
        /^UNAUTHENTICATED: .+ \(the token mledger sent \(from MLEDGER_TOKEN\) was not accepted\)\n$/,
      );
    } finally {
      await rm(here, { recursive: true, force: true });
    }
  });

  it('a principal without the permission gets the 403 as the server words it, exit 1', async () => {
    await eventually(async () =>
      expect((await run(['versions', 'churn'], { MLEDGER_TOKEN: admin.token })).code).toBe(0),
    );
    const answer = await run(['register', 'churn', '--source', 's3://m/2'], { MLEDGER_TOKEN: reader.token });
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(/^PERMISSION_DENIED: [^(]+\n$/);
  });
});
