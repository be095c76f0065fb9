// Test harness for the CLI's integration specs: the embedded platform in this process (real
// services on a private PostgreSQL bus) and the CLI as a child process, the way a user runs it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '@ledger/platform';
import { RunningPlatform, startPlatform } from '../../../services/all-in-one/src/platform';

const MLEDGER = resolve(__dirname, '../../../scripts/mledger.js');
export const ONNX_DIR = resolve(__dirname, '../../../fixtures/onnx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LedgerUnderTest {
  platform: RunningPlatform;
  /** The environment that points the CLI at this platform. */
  env: Record<string, string>;
  /** Runs `mledger <args>` against the platform (extra env overrides). */
  mledger(args: string[], env?: Record<string, string>): Promise<CliRun>;
  close(): Promise<void>;
}

/** A closed port: nothing listens there. */
export async function closedUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** `mledger` as a child process, never through a shell; a fresh working directory (no ./data/admin-token). */
export function runMledger(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  return new Promise((done) => {
    const childEnv = { PATH: process.env.PATH ?? '', HOME: cwd, ...env };
    execFile(
      process.execPath,
      [MLEDGER, ...args],
      { env: childEnv, cwd, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export async function startLedger(label: string): Promise<LedgerUnderTest> {
  const suffix = randomBytes(3).toString('hex');
  const artifactsDir = await mkdtemp(join(tmpdir(), `cli-${label}-`));
  const names = ['registry', 'validator', 'identity', 'serving', 'deployer', 'orchestrator'];
  const platform = await startPlatform({
    postgresUrl: process.env.TEST_DATABASE_URL!,
    databasePrefix: `cli_${label}_${suffix}_`,
    bus: { kind: 'postgres' },
    ports: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))),
    host: '127.0.0.1',
    quiet: true,
    artifactsDir,
  });
  const env = {
    MLEDGER_URL: platform.urls.registry,
    MLEDGER_VALIDATOR_URL: platform.urls.validator,
    MLEDGER_DEPLOYER_URL: platform.urls.deployer,
    MLEDGER_SERVING_URL: platform.urls.serving,
    MLEDGER_ORCHESTRATOR_URL: platform.urls.orchestrator,
  };
  return {
    platform,
    env,
    mledger: (args, extra = {}) => runMledger(args, { ...env, ...extra }, artifactsDir),
    close: async () => {
      await platform.close();
      await rm(artifactsDir, { recursive: true, force: true });
    },
  };
}
