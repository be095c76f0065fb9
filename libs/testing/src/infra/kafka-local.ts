import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@ledger/platform';

const ROOT = resolve(__dirname, '../../../..');
const LIBS = join(ROOT, '.cache', 'kafka-libs');
const POM = join(ROOT, 'deploy', 'kafka', 'pom.xml');

export interface LocalKafka {
  brokers: string;
  stop(): Promise<void>;
}

/** Copies the Kafka 3.9 jars from Maven Central into .cache/kafka-libs once per machine. */
export function ensureKafkaLibs(): string {
  const ready = existsSync(LIBS) && readdirSync(LIBS).some((f) => f.startsWith('kafka_2.13-'));
  if (ready) return LIBS;
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime'], {
    stdio: 'inherit',
  });
  if (mvn.status !== 0) throw new Error(`maven could not resolve the Kafka jars (exit ${mvn.status})`);
  return LIBS;
}

function serverProperties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(dir, 'logs')}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=2',
    'auto.create.topics.enable=true',
    'log.flush.interval.messages=9223372036854775807',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, file',
  'log4j.appender.file=org.apache.log4j.FileAppender',
  'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
].join('\n');

/** Starts a single-node KRaft broker with the JDK; resolves once the cluster answers metadata requests. */
export async function launchKafka(options: { port?: number; dir?: string } = {}): Promise<LocalKafka> {
  const libs = ensureKafkaLibs();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ledger-kafka-'));
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const controllerPort = await freePort();
  const props = join(dir, 'server.properties');
  writeFileSync(props, serverProperties(dir, port, controllerPort));
  writeFileSync(join(dir, 'log4j.properties'), `${LOG4J}\nlog4j.appender.file.File=${join(dir, 'kafka.log')}\n`);
  const classpath = `${libs}/*`;
  const format = spawnSync(
    'java',
    [
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      'bGVkZ2VyLWxvY2FsLTE',
      '-c',
      props,
      '--ignore-formatted',
    ],
    {
      encoding: 'utf8',
    },
  );
  if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr || format.stdout}`);
  const child = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx1g',
      '-XX:+UseSerialGC',
      '-cp',
      classpath,
      `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
      'kafka.Kafka',
      props,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: false },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const brokers = `127.0.0.1:${port}`;
  await waitForCluster(brokers, child, () => stderr);
  return {
    brokers,
    stop: () =>
      stopProcess(child).then(() => (options.dir ? undefined : rmSync(dir, { recursive: true, force: true }))),
  };
}

async function waitForCluster(brokers: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kafka exited with ${child.exitCode}: ${stderr()}`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return;
    } catch {
      await admin.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`kafka did not become ready within 90s: ${stderr()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
