import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint, Linter } from 'eslint';

// Proves the architecture checks of eslint.config.js can fail: each broken fixture is linted as
// if it lived at a real path inside a project, so the real config, tags and graph apply.
const workspaceRoot = resolve(__dirname, '../..');
const fixture = (name: string) => readFileSync(resolve(workspaceRoot, 'tools/lint-fixtures', name), 'utf8');
const DECIDER = resolve(workspaceRoot, 'services/registry/src/model/model.decider.ts');
const CONTRACTS_FILE = resolve(workspaceRoot, 'libs/contracts/src/fixture.ts');
const BOUNDARY_RULES = ['no-restricted-imports', '@nx/enforce-module-boundaries'];

let eslint: ESLint;

beforeAll(async () => {
  // The boundary rule needs the Nx project graph; build it in this process, not in a daemon.
  process.env.NX_DAEMON = 'false';
  // ESLint loads its config file with import(), which Jest's sandbox refuses without
  // --experimental-vm-modules; so load the very same file here and hand it over.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config: Linter.Config[] = await require(resolve(workspaceRoot, 'eslint.config.js'));
  eslint = new ESLint({ cwd: workspaceRoot, overrideConfigFile: true, baseConfig: config });
});

async function lintAs(filePath: string, source: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages;
}

const byRule = (messages: Linter.LintMessage[], ruleId: string) =>
  messages.filter((m) => m.ruleId === ruleId && m.severity === 2);

describe('module boundaries', () => {
  it('rejects a decider that imports a framework', async () => {
    const messages = await lintAs(DECIDER, fixture('domain-imports-nest.ts.txt'));

    const restricted = byRule(messages, 'no-restricted-imports');
    expect(restricted).toHaveLength(1);
    expect(restricted[0].message).toContain('Domain code is pure');
    expect(restricted[0].line).toBe(3);
  });

  it.each([
    ['node:crypto', "import { randomUUID } from 'node:crypto';"],
    ['uuid', "import { v7 } from 'uuid';"],
    ['@ledger/eventstore', "import { EventStore } from '@ledger/eventstore';"],
    ['typeorm subpath', "import { Repository } from 'typeorm/repository/Repository';"],
  ])('rejects %s in a slice decide function', async (_name, source) => {
    const file = resolve(workspaceRoot, 'services/registry/src/model/registering-version/register-version.decide.ts');

    expect(byRule(await lintAs(file, source), 'no-restricted-imports')).toHaveLength(1);
  });

  // semver.ts is named like any helper; it is domain code because a decide function imports it.
  it('rejects a helper that a decide function imports when it imports node:crypto', async () => {
    const helper = fixture('helper-imports-crypto.ts.txt');
    const asHelperOf = (file: string) => lintAs(resolve(workspaceRoot, 'services/registry/src/model', file), helper);

    const restricted = byRule(await asHelperOf('registering-version/semver.ts'), 'no-restricted-imports');
    expect(restricted).toHaveLength(1);
    expect(restricted[0].line).toBe(3);
    // The same file where only the use case (which does I/O) imports it is not domain code.
    expect(byRule(await asHelperOf('registering-version/copied-version.ts'), 'no-restricted-imports')).toEqual([]);
  });

  it('rejects the clock and randomness in a decide function, but not a date from the metadata', async () => {
    const file = resolve(workspaceRoot, 'services/registry/src/model/registering-version/register-version.decide.ts');

    const impure = byRule(await lintAs(file, fixture('decide-reads-clock.ts.txt')), 'no-restricted-syntax');

    expect(impure.map((m) => [m.line, m.message.split(':')[0]])).toEqual([
      [5, 'Date.now reads the clock'],
      [6, 'new Date() reads the clock (new Date(command.metadata.now) does not)'],
      [7, 'Date() reads the clock'],
      [8, 'Math.random is not reproducible'],
    ]);
  });

  it('rejects contracts that depend on infrastructure', async () => {
    const messages = await lintAs(CONTRACTS_FILE, fixture('contracts-imports-eventstore.ts.txt'));

    const boundaries = byRule(messages, '@nx/enforce-module-boundaries');
    expect(boundaries).toHaveLength(1);
    // Once eventstore itself imports contracts the rule names the cycle before the tags.
    expect(boundaries[0].message).toMatch(
      /"type:contracts" can only depend on libs tagged with "type:contracts"|Circular dependency between "contracts" and "eventstore"/,
    );
  });

  it('rejects contracts that import a framework', async () => {
    const messages = await lintAs(
      CONTRACTS_FILE,
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );

    const boundaries = byRule(messages, '@nx/enforce-module-boundaries');
    expect(boundaries).toHaveLength(1);
    expect(boundaries[0].message).toContain('@nestjs/common');
  });

  it.each([
    ['by relative path', '../../../validator/src/validation/validation', 'relative or absolute path'],
    // tsconfig's baseUrl makes such a path compile; project.json is the one file every project has.
    ['from the workspace root', 'services/validator/project.json', 'Imports of apps are forbidden'],
  ])('rejects a service importing another service %s', async (_how, path, reason) => {
    const source = `import { x } from '${path}';\nexport const y = x;\n`;

    const boundaries = byRule(await lintAs(DECIDER, source), '@nx/enforce-module-boundaries');
    expect(boundaries).toHaveLength(1);
    expect(boundaries[0].message).toContain(reason);
  });

  it('lets only the tests of infrastructure use the test harness', async () => {
    const source = "import { freshDatabaseUrl } from '@ledger/testing';\nexport const url = freshDatabaseUrl;\n";
    const lintIn = async (file: string) =>
      byRule(
        await lintAs(resolve(workspaceRoot, 'libs/eventstore/src', file), source),
        '@nx/enforce-module-boundaries',
      );

    const [production] = await lintIn('fixture.ts');
    expect(production.message).toContain(
      '"type:infra" can only depend on libs tagged with "type:contracts", "type:infra"',
    );
    expect(await lintIn('fixture.int.spec.ts')).toEqual([]);
  });

  it('lets the embedded runner wire services by relative path', async () => {
    const source =
      "import { RegistryModule } from '../../registry/src/registry.module';\nexport const m = RegistryModule;\n";

    const messages = await lintAs(resolve(workspaceRoot, 'services/all-in-one/src/main.ts'), source);

    expect(byRule(messages, '@nx/enforce-module-boundaries')).toEqual([]);
  });

  it('accepts a decider that imports only contracts', async () => {
    const source = [
      "import type { EventEnvelope } from '@ledger/contracts';",
      '',
      'export function decide(_command: unknown, _state: unknown): EventEnvelope[] {',
      '  return [];',
      '}',
      '',
    ].join('\n');

    const messages = await lintAs(DECIDER, source);

    expect(messages.filter((m) => BOUNDARY_RULES.includes(m.ruleId ?? ''))).toEqual([]);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });
});
