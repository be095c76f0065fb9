'use strict';
// Lint = style + machine-checked architecture (DESIGN.md §6): Nx tags decide which project may
// import which, and file-level rules keep domain code (decide/evolve and the helpers they import)
// free of frameworks, I/O, the clock and randomness.
// tools/lint/module-boundaries.unit.spec.ts proves both checks fail on broken fixtures.
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');
const { createProjectGraphAsync } = require('nx/src/devkit-exports');
const { DOMAIN_SUFFIXES, domainFiles, readServiceSources } = require('./tools/lint/domain-files');

const ALL_TYPES = ['type:contracts', 'type:infra', 'type:testing'];

const depConstraints = [
  // What kind of project may use what kind of project.
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts'],
    // Contracts are plain zod schemas any producer can consume: no framework, no I/O.
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'express'],
  },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ALL_TYPES },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ALL_TYPES },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  // A service never imports another service: it learns what others did from their events.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:registry', 'scope:shared'] },
  { sourceTag: 'scope:validator', onlyDependOnLibsWithTags: ['scope:validator', 'scope:shared'] },
  { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
  { sourceTag: 'scope:deployer', onlyDependOnLibsWithTags: ['scope:deployer', 'scope:shared'] },
  { sourceTag: 'scope:orchestrator', onlyDependOnLibsWithTags: ['scope:orchestrator', 'scope:shared'] },
  { sourceTag: 'scope:serving', onlyDependOnLibsWithTags: ['scope:serving', 'scope:shared'] },
  { sourceTag: 'scope:runner', onlyDependOnLibsWithTags: ['*'] },
];

// Tests of contracts and infra may use the harness (libs/testing) that production code may not.
const specDepConstraints = depConstraints.map((c) =>
  c.sourceTag === 'type:contracts' || c.sourceTag === 'type:infra'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

const boundaries = (constraints, allow = []) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    depConstraints: constraints,
    // The harness imports the libs it tests and their specs import the harness: a test-only
    // cycle that bundles never see.
    ignoredCircularDependencies: [['testing', '*']],
  },
];

const PURE_DOMAIN_MESSAGE =
  'Domain code is pure: decide(command, state) and evolve(state, event) never touch frameworks, ' +
  'the database, the bus, the clock or id generators; time and ids arrive in the command metadata ' +
  '(DESIGN.md §6). Do the I/O in the slice controller/handler instead.';
const BANNED_IN_DOMAIN = [
  'typeorm',
  'kafkajs',
  'pg',
  '@ledger/eventstore',
  '@ledger/messaging',
  '@ledger/onnx',
  'onnxruntime-node',
  '@ledger/platform',
  '@ledger/blobs',
  'node:crypto',
  'crypto',
  'uuid',
];

// The clock and randomness, however reached: a decision reads time from command.metadata.now.
const IMPURE_CALLS = [
  ["MemberExpression[object.name='Date'][property.name='now']", 'Date.now reads the clock'],
  [
    "NewExpression[callee.name='Date'][arguments.length=0]",
    'new Date() reads the clock (new Date(command.metadata.now) does not)',
  ],
  ["CallExpression[callee.name='Date']", 'Date() reads the clock'],
  ["MemberExpression[object.name='Math'][property.name='random']", 'Math.random is not reproducible'],
];

const DOMAIN_FILES = domainFiles(readServiceSources(__dirname));

const config = defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.cache/**',
      '.nx/**',
      'tmp/**',
      'coverage/**',
      'tools/lint-fixtures/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/no-empty-function': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': boundaries(specDepConstraints),
    },
  },
  {
    // The embedded runner is the one place that wires every service together; services have no
    // import alias, so it reaches their Nest modules by relative path.
    files: ['services/all-in-one/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints, ['^(\\.\\./)+[a-z-]+/src(/.*)?$']),
    },
  },
  {
    // The CLI is a client of the services' HTTP APIs; only its test harness starts the embedded
    // platform in-process (the runner's startPlatform) to run the CLI against real services.
    files: ['apps/cli/src/**/*.harness.ts', 'apps/cli/src/**/*.int.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(specDepConstraints, [
        '^(\\.\\./)+services/(all-in-one/src/platform|registry/src/registry.harness)$',
      ]),
    },
  },
  {
    // Domain code, selected by name and by what it imports (tools/lint/domain-files.js); the
    // suffixes also cover a domain file no other file imports yet.
    files: [...DOMAIN_SUFFIXES.map((suffix) => `services/**/*${suffix}`), ...DOMAIN_FILES],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: BANNED_IN_DOMAIN.map((name) => ({ name, message: PURE_DOMAIN_MESSAGE })),
          patterns: [
            {
              group: ['@nestjs/*', ...BANNED_IN_DOMAIN.map((name) => `${name}/*`)],
              message: PURE_DOMAIN_MESSAGE,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...IMPURE_CALLS.map(([selector, what]) => ({ selector, message: `${what}: ${PURE_DOMAIN_MESSAGE}` })),
      ],
    },
  },
);

// @nx/enforce-module-boundaries only reads Nx's *cached* project graph and silently skips every
// check when there is none (a fresh CI clone) or uses stale tags after a project.json edit. So
// build the graph (in-process, incremental: ~0.5 s) before any file is linted, and fail loudly
// if that is impossible rather than lint without boundaries.
module.exports = createProjectGraphAsync({ exitOnError: false }).then(
  () => config,
  (error) => {
    throw new Error(`eslint.config.js: cannot build the Nx project graph: ${error?.message ?? error}`);
  },
);
