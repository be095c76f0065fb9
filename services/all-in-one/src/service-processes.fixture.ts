// Services as their own processes, as distributed mode runs them (DESIGN.md §4): each started
// from its main.ts with nothing but the env contract, on Kafka, ready when it says so.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { kafkaBrokers } from '@ledger/testing';

const ROOT = resolve(__dirname, '../../..');

export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
}

export function serviceProcesses() {
  const children: ChildProcess[] = [];
  const namespace = `dist-${randomBytes(4).toString('hex')}`;
  const run = (service: string, env: Record<string, string>) =>
    new Promise<ServiceProcess>((ready, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/run-ts.js'), `services/${service}/src/main.ts`], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes(`${service} ready on`)) ready({ child, output: () => output });
      });
      child.stderr!.on('data', (chunk) => (output += String(chunk)));
      child.once('exit', (code) => fail(new Error(`${service} exited with ${code}: ${output}`)));
    });
  return {
    children,
    run,
    kafkaEnv: () => ({
      BUS: 'kafka',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      HOST: '127.0.0.1',
    }),
    /** Kills with SIGKILL and waits until the process is gone. */
    async kill(process: ServiceProcess): Promise<void> {
      const gone = new Promise((done) => process.child.once('exit', done));
      process.child.kill('SIGKILL');
      await gone;
    },
    /** SIGTERM to every process still running, and their exit codes. */
    async stopAll(): Promise<(number | null)[]> {
      const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
      const exits = alive.map((c) => new Promise<number | null>((done) => c.once('exit', (code) => done(code))));
      alive.forEach((c) => c.kill('SIGTERM'));
      return Promise.all(exits);
    },
  };
}
