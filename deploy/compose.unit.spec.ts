// Structural checks of the distributed-mode packaging. No Docker engine exists where the tests
// run, so the files are parsed and held to one contract: deploy/env-contract.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  ComposeService,
  K8sObject,
  dependencies,
  healthcheckText,
  keyValues,
  loadCompose,
  loadContract,
  loadK8s,
  readText,
  requiredNames,
} from './manifests';

const compose = loadCompose();
const contract = loadContract();
const k8sFiles = loadK8s();
const k8s = k8sFiles.flatMap((f) => f.objects);
const INFRA = new Set(['kafka', 'postgres']);
const appServices = Object.keys(compose.services).filter((name) => !INFRA.has(name));
const find = (kind: string, name: string): K8sObject | undefined =>
  k8s.find((o) => o.kind === kind && o.metadata.name === name);

describe('deploy/env-contract.json', () => {
  it.each(Object.entries(contract))('%s declares its names, conditions and port', (_name, svc) => {
    expect(svc.required).toEqual(expect.arrayContaining(['DATABASE_URL', 'BUS', 'PORT']));
    expect(svc.requiredWhen?.BUS?.kafka).toContain('KAFKA_BROKERS');
    expect(svc.requiredWhen?.BUS?.postgres).toContain('BUS_DATABASE_URL');
    expect(svc.optional).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'BUS_DATABASE_URL']));
    expect(Number.isInteger(svc.defaultPort)).toBe(true);
  });

  it('names every service in docker-compose.yml and in deploy/k8s', () => {
    for (const name of Object.keys(contract)) {
      expect(compose.services[name]).toBeDefined();
      expect(find('Deployment', name)).toBeDefined();
      expect(find('Service', name)).toBeDefined();
    }
    expect(appServices.sort()).toEqual(Object.keys(contract).sort());
  });
});

describe('docker-compose.yml infrastructure', () => {
  const kafka = compose.services.kafka;
  const postgres = compose.services.postgres;

  it('runs Kafka 3.9 from apache/kafka as a single KRaft node with a healthcheck', () => {
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9(\.\d+)?$/);
    const env = keyValues(kafka.environment);
    expect(env.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(new RegExp(`^${env.KAFKA_NODE_ID}@[\\w.-]+:9093$`));
    expect(env.KAFKA_LISTENERS).toBe('PLAINTEXT://:9092,CONTROLLER://:9093');
    expect(env.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
    expect(env.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(env.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
    for (const name of ['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR']) {
      expect(env[name]).toBe('1');
    }
    expect(healthcheckText(kafka)).toContain(
      '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092',
    );
  });

  it('runs PostgreSQL 17 with pg_isready, a named volume and the init script', () => {
    expect(postgres.image).toBe('postgres:17');
    expect(keyValues(postgres.environment).POSTGRES_PASSWORD).toBeTruthy();
    expect(healthcheckText(postgres)).toContain('pg_isready');
    const mounts = (postgres.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    expect(mounts).toContainEqual(
      expect.stringMatching(/^\.\/deploy\/postgres\/init\.sql:\/docker-entrypoint-initdb\.d\//),
    );
    const named = mounts
      .map((m) => m.split(':')[0])
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(named.length).toBeGreaterThan(0);
    for (const volume of named) expect(compose.volumes).toHaveProperty([volume]);
  });
});

describe.each(appServices)('docker-compose.yml service %s', (name) => {
  const svc = compose.services[name];
  const env = keyValues(svc.environment);
  const spec = contract[name];

  it('has a main.ts to run (services/<name>/src/main.ts)', () => {
    expect(existsSync(join(ROOT, 'services', name, 'src', 'main.ts'))).toBe(true);
  });

  it('builds from deploy/Dockerfile with SERVICE set to its own name', () => {
    expect(typeof svc.build).toBe('object');
    const build = typeof svc.build === 'object' ? svc.build : {};
    expect(build.context).toBe('.');
    expect(build.dockerfile).toBe('deploy/Dockerfile');
    expect(keyValues(build.args).SERVICE).toBe(name);
  });

  it('sets every env name the contract requires, and no undeclared one', () => {
    expect(spec).toBeDefined();
    for (const required of requiredNames(spec, env))
      expect(env).toHaveProperty([required], expect.stringMatching(/\S/));
    if (env.BUS === 'kafka') expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    const declared = new Set([...spec.required, ...spec.optional]);
    expect(Object.keys(env).filter((n) => !declared.has(n))).toEqual([]);
    expect(env.SERVICE_NAME).toBe(name);
  });

  it('uses its own database on the postgres service, created by init.sql', () => {
    const url = new URL(env.DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.pathname).toBe(`/${name}`);
    expect(readText('deploy', 'postgres', 'init.sql')).toMatch(new RegExp(`CREATE DATABASE "?${name}"?\\s*;`, 'i'));
  });

  it('listens on the contract port, publishes it and checks /health there', () => {
    expect(Number(env.PORT)).toBe(spec.defaultPort);
    expect((svc.ports ?? []).map(String)).toContain(`${env.PORT}:${env.PORT}`);
    expect(healthcheckText(svc)).toContain(`http://127.0.0.1:${env.PORT}/health`);
  });

  it('starts only once kafka and postgres are healthy', () => {
    expect(dependencies(svc)).toMatchObject({ kafka: 'service_healthy', postgres: 'service_healthy' });
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = readText('deploy', 'Dockerfile');
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds any service from node:20-bookworm-slim, selected by the SERVICE arg', () => {
    expect(dockerfile).toMatch(/node:20-bookworm-slim/);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG SERVICE\b/m);
    expect(dockerfile).toMatch(/npm_config_onnxruntime_node_install=skip/);
    expect(dockerfile).toMatch(/RUN .*npm ci\b/);
  });

  it('runs as a non-root user in production mode with a /health check', () => {
    expect(lastStage).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(lastStage).toMatch(/NODE_ENV=production/);
    expect(lastStage).toMatch(/^EXPOSE \S+/m);
    expect(lastStage).toMatch(/^HEALTHCHECK [\s\S]*fetch\('http:\/\/127\.0\.0\.1:\$\{?PORT\}?\/health'/m);
    expect(lastStage).toMatch(/^CMD .*node scripts\/run-ts\.js services\/\$\{?SERVICE\}?\/src\/main\.ts/m);
  });

  it('keeps machine-local state out of the build context', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', 'data', '.cache', 'tmp', 'dist', '.git', 'bench/results']) {
      expect(ignored).toContain(entry);
    }
  });
});

describe('deploy/k8s', () => {
  it('parses every file, and kustomization.yaml lists them all', () => {
    expect(k8sFiles.flatMap((f) => f.errors.map((e) => `${f.file}: ${e}`))).toEqual([]);
    const kustomization = k8s.find((o) => o.kind === 'Kustomization');
    const manifests = k8sFiles.map((f) => f.file).filter((f) => f !== 'kustomization.yaml');
    expect(kustomization?.resources?.slice().sort()).toEqual(manifests);
  });

  it('puts everything in one namespace that it declares', () => {
    const namespace = k8s.find((o) => o.kind === 'Namespace');
    expect(namespace).toBeDefined();
    const namespaced = k8s.filter((o) => !['Namespace', 'Kustomization'].includes(o.kind));
    expect(namespaced.filter((o) => o.metadata.namespace !== namespace?.metadata.name)).toEqual([]);
  });

  describe.each(Object.keys(contract))('%s', (name) => {
    const deployment = find('Deployment', name);
    const container = deployment?.spec?.template?.spec?.containers.find((c) => c.name === name);
    const env = container?.env ?? [];
    const byName = Object.fromEntries(env.map((e) => [e.name, e]));

    it('carries the same env names as docker-compose.yml', () => {
      expect(env.map((e) => e.name).sort()).toEqual(Object.keys(keyValues(compose.services[name]?.environment)).sort());
      expect(byName.PORT?.value).toBe(String(contract[name].defaultPort));
      expect(byName.BUS?.value).toBe('kafka');
    });

    it('takes DATABASE_URL from a Secret and KAFKA_BROKERS from a ConfigMap that exist', () => {
      const secretRef = byName.DATABASE_URL?.valueFrom?.secretKeyRef;
      const configRef = byName.KAFKA_BROKERS?.valueFrom?.configMapKeyRef;
      const secret = find('Secret', secretRef?.name ?? '');
      const config = find('ConfigMap', configRef?.name ?? '');
      expect({ ...secret?.data, ...secret?.stringData }).toHaveProperty([secretRef?.key ?? '?']);
      expect(config?.data).toHaveProperty([configRef?.key ?? '?']);
    });

    it('probes /health on its container port and requests resources', () => {
      const port = container?.ports?.[0];
      expect(port?.containerPort).toBe(contract[name].defaultPort);
      const probes = [container?.readinessProbe, container?.livenessProbe];
      if (container?.startupProbe) probes.push(container.startupProbe);
      for (const probe of probes) {
        expect(probe?.httpGet?.path).toBe('/health');
        expect([port?.name, port?.containerPort]).toContain(probe?.httpGet?.port);
      }
      expect(container?.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(deployment?.spec?.template?.spec?.securityContext?.runAsNonRoot).toBe(true);
    });

    it('is selected by a Service that targets the container port', () => {
      const service = find('Service', name);
      const labels = deployment?.spec?.template?.metadata?.labels ?? {};
      expect(labels).toMatchObject(deployment?.spec?.selector?.matchLabels ?? { missing: true });
      expect(labels).toMatchObject(service?.spec?.selector ?? { missing: true });
      const target = service?.spec?.ports?.[0]?.targetPort;
      expect([container?.ports?.[0]?.name, container?.ports?.[0]?.containerPort]).toContain(target);
    });
  });
});

describe('the registry artifact store', () => {
  const mountOf = (volumes: ComposeService['volumes'], target: string) =>
    volumes
      ?.map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v))
      .find((v) => v.target === target);

  it('is a named volume in docker-compose.yml (the image is read-only to the service)', () => {
    const registry = compose.services.registry;
    const dir = String(keyValues(registry.environment).ARTIFACTS_DIR ?? '');
    expect(dir).toMatch(/^\//);
    const mount = mountOf(registry.volumes, dir);
    expect(compose.volumes).toHaveProperty([mount?.source ?? '?']);
    expect(readText('deploy', 'Dockerfile')).toContain(`mkdir -p ${dir}`);
  });

  it('is one ReadWriteMany claim that every replica mounts in deploy/k8s', () => {
    const deployment = find('Deployment', 'registry');
    const pod = deployment?.spec?.template?.spec;
    const container = pod?.containers.find((c) => c.name === 'registry');
    const dir = container?.env?.find((e) => e.name === 'ARTIFACTS_DIR')?.value ?? '?';
    const mount = container?.volumeMounts?.find((m) => m.mountPath === dir);
    const claimName = pod?.volumes?.find((v) => v.name === mount?.name)?.persistentVolumeClaim?.claimName ?? '?';
    const claim = find('PersistentVolumeClaim', claimName);
    expect(claim).toBeDefined();
    if ((deployment?.spec?.replicas ?? 1) > 1) expect(claim?.spec?.accessModes).toContain('ReadWriteMany');
  });
});
