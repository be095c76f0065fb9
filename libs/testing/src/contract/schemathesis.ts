import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cachedPythonVenv } from './python-venv';

const run = promisify(execFile);

/** Pinned so a run is reproducible; bump it deliberately (a new release adds checks). */
export const SCHEMATHESIS_REQUIREMENT = 'schemathesis==4.32.5';

export const schemathesisPython = (root: string): Promise<string> =>
  cachedPythonVenv(root, 'schemathesis', [SCHEMATHESIS_REQUIREMENT]);

/** A schemathesis check, by its configuration name (`st run --help`). */
export type Check =
  | 'not_a_server_error'
  | 'status_code_conformance'
  | 'content_type_conformance'
  | 'response_headers_conformance'
  | 'response_schema_conformance'
  | 'negative_data_rejection'
  | 'positive_data_acceptance'
  | 'missing_required_header'
  | 'unsupported_method'
  | 'allow_header_conformance'
  | 'use_after_free'
  | 'ensure_resource_availability'
  | 'ignored_auth';

/**
 * One check set differently for one operation, because the server must answer as it does (MLflow's
 * own contract) and the document says so. `reason` is required: it is the review of the exception.
 */
export interface CheckException {
  /** "METHOD /path" exactly as the document names it. */
  operation: string;
  check: Check;
  /** The statuses this check accepts here (the check stays on); without it the check is off here. */
  expectedStatuses?: (number | string)[];
  reason: string;
}

export interface ContractOptions {
  /** The service's base URL; its document is at `<url>/docs-json`. */
  url: string;
  seed: number;
  maxExamples: number;
  /** Sent with every request (Authorization for an auth-on run). */
  headers?: Record<string, string>;
  exceptions?: CheckException[];
}

export interface ContractReport {
  operations: number;
  cases: number;
  failures: number;
  errors: number;
  seconds: number;
  /** schemathesis' own text output: the findings, each with a curl line that reproduces it. */
  output: string;
}

/** Runs schemathesis with every check and every phase against one service; never throws on findings. */
export async function runContract(python: string, options: ContractOptions): Promise<ContractReport> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  try {
    const config = join(dir, 'schemathesis.toml');
    const report = join(dir, 'report.json');
    writeFileSync(config, configToml(options.exceptions ?? []));
    const args = [
      ...['-m', 'schemathesis.cli', '--config-file', config, 'run', `${options.url}/docs-json`],
      // Every check is on by the config file (not `--checks all`: a check named on the command
      // line overrides an operation's `enabled = false`, so no exception could switch it off).
      ...['--phases', 'examples,coverage,fuzzing,stateful'],
      ...['--seed', String(options.seed), '--max-examples', String(options.maxExamples)],
      // One worker: shared server-side state then evolves the same way on every run of a seed.
      ...['--workers', '1', '--generation-database', 'none', '--no-color', '--output-sanitize', 'false'],
      // PostgreSQL text cannot hold NUL: every service refuses it with 400, a documented rule
      // (registry.unstorable-text.int.spec.ts) that a JSON Schema pattern on every string would only obscure.
      ...['--generation-allow-x00', 'false'],
      ...['--report', 'json', '--report-json-path', report, '--request-timeout', '30'],
      ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ];
    const output = await schemathesis(python, args, dir);
    return summary(JSON.parse(readFileSync(report, 'utf8')), output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function schemathesis(python: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(python, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    // Exit code 1 means findings: the report says what they are.
    const { stdout, stderr, code } = error as { stdout?: string; stderr?: string; code?: number };
    if (code === 1) return `${stdout ?? ''}${stderr ?? ''}`;
    throw error;
  }
}

interface JsonReport {
  running_time: number;
  operations: { tested: number };
  test_cases: { generated: number; unique_failures: number; errored: number };
  errors: unknown[];
}

const summary = (report: JsonReport, output: string): ContractReport => ({
  operations: report.operations.tested,
  cases: report.test_cases.generated,
  failures: report.test_cases.unique_failures,
  errors: report.errors.length + report.test_cases.errored,
  seconds: Math.round(report.running_time),
  output,
});

function configToml(exceptions: CheckException[]): string {
  const everyCheck = 'checks.enabled = true';
  // One block per operation, its checks together: a later block naming the same operation might not apply.
  const byOperation = new Map<string, string[]>();
  for (const { operation, check, expectedStatuses } of exceptions)
    byOperation.set(operation, [
      ...(byOperation.get(operation) ?? []),
      expectedStatuses
        ? `checks.${check}.expected-statuses = ${JSON.stringify(expectedStatuses.map(String))}`
        : `checks.${check}.enabled = false`,
    ]);
  const operations = [...byOperation].map(([operation, checks]) =>
    ['[[operations]]', `include-name = ${JSON.stringify(operation)}`, ...checks].join('\n'),
  );
  return [everyCheck, ...operations].join('\n\n');
}
