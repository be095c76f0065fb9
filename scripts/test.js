'use strict';
// `npm test`: type-check, lint (module boundaries included), then every Jest project against
// real PostgreSQL and Kafka. Ends with one plain `N passed, N failed` line that CI counts.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;

const steps = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  [
    'lint',
    bin('eslint'),
    ['services', 'libs', 'tools', 'bench', 'deploy', '--max-warnings=0', '--no-error-on-unmatched-pattern'],
  ],
];
let failedSteps = 0;
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  const status = run(cmd, args);
  console.log(`${name}: ${status === 0 ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  if (status !== 0) failedSteps++;
}

const report = path.join(root, 'tmp', 'jest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const jestStatus = run(bin('jest'), ['--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
let passed = 0;
let failed = failedSteps;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
} else {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || jestStatus !== 0 ? 1 : 0);
