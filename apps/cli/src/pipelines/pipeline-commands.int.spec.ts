import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryUnderTest, startRegistry } from '../../../../services/registry/src/registry.harness';
import { closedUrl, runMledger } from '../cli.harness';

/**
 * The argument handling, an unreachable orchestrator, and a 404 answered by a server without
 * those routes (the registry stands in); the flow against the real orchestrator is in
 * pipeline-flow.int.spec.ts.
 */
describe('mledger pipeline: arguments, unreachable and refused paths; config and completion', () => {
  let dir: string;
  let registry: RegistryUnderTest;
  const run = (args: string[], env: Record<string, string>) => runMledger(args, env, dir);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-pipeline-'));
    registry = await startRegistry('cli_pipeline');
  });
  afterAll(async () => {
    await registry?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['pipeline', 'approve', 'run-1']],
    [['pipeline', 'start', 'churn', 'seven']],
    [['pipeline', 'frobnicate']],
  ])('refuses %j with the usage and exit 2', async (args) => {
    const answer = await run(args, { MLEDGER_ORCHESTRATOR_URL: await closedUrl() });
    expect(answer.code).toBe(2);
    expect(answer.stderr).toMatch(/Usage: mledger pipeline|error: (missing|unknown)/);
  });

  it('exits 3 when the orchestrator is unreachable', async () => {
    const url = await closedUrl();
    const answer = await run(['pipeline', 'runs', '--model', 'churn'], { MLEDGER_ORCHESTRATOR_URL: url });
    expect(answer).toMatchObject({ code: 3, stdout: '' });
    expect(answer.stderr).toBe(`UNREACHABLE: cannot reach the orchestrator at ${url} (ECONNREFUSED)\n`);
  });

  it('exits 1 with the server’s error_code when it answers 404', async () => {
    const env = { MLEDGER_ORCHESTRATOR_URL: registry.registry.url };
    for (const args of [
      ['pipeline', 'show', 'run-1'],
      ['pipeline', 'approve', 'run-1', 'gate', '--comment', 'ok'],
      ['pipeline', 'cancel', 'run-1'],
    ]) {
      const answer = await run(args, env);
      expect({ args, code: answer.code }).toEqual({ args, code: 1 });
      expect(answer.stderr).toMatch(/^[A-Z_0-9]+: /);
    }
  });

  it('reads the registry URL and the output format from a config file; the environment beats it', async () => {
    await registry.api('POST', '/api/v1/models', { name: 'from-config' });
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ url: registry.registry.url, output: 'json' }));
    const answer = await run(['--config', config, 'models', 'list'], {});
    expect(JSON.parse(answer.stdout).models).toEqual([expect.objectContaining({ name: 'from-config' })]);
    const down = await run(['--config', config, 'models', 'list'], { MLEDGER_URL: await closedUrl() });
    expect(down.code).toBe(3);
    expect((await run(['--config', join(dir, 'missing.json'), 'models', 'list'], {})).code).toBe(2);
  });

  it('prints no colour codes when stdout is not a terminal', async () => {
    const answer = await run(['models', 'list'], { MLEDGER_URL: registry.registry.url, FORCE_COLOR: '1' });
    expect(answer.code).toBe(0);
    expect(answer.stdout).not.toContain(String.fromCharCode(27));
  });

  it('prints bash and zsh completion scripts with every command', async () => {
    const bash = await run(['completion', 'bash'], {});
    expect(bash.stdout).toMatch(/complete -o default -F _mledger mledger/);
    expect(bash.stdout).toMatch(/"pipeline"\) words="runs show start approve reject retry skip cancel/);
    expect((await run(['completion', 'zsh'], {})).stdout).toMatch(/^#compdef mledger/);
    expect((await run(['completion', 'fish'], {})).code).toBe(2);
  });

  it('shows examples in every command’s help', async () => {
    for (const command of [['versions'], ['compare'], ['deploy'], ['pipeline', 'approve'], ['audit']]) {
      const help = await run([...command, '--help'], {});
      expect({ command, code: help.code }).toEqual({ command, code: 0 });
      expect(help.stdout).toMatch(/Examples:\n {2}\$ mledger /);
    }
  });
});
