// Typed loaders for the deployment files (docker-compose.yml, deploy/k8s, env-contract.json),
// so the structural test reads as checks rather than as YAML plumbing. No Docker engine or
// cluster is involved: these files are only parsed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..');
export const K8S_DIR = join(ROOT, 'deploy', 'k8s');

export interface ServiceContract {
  required: string[];
  optional: string[];
  /** e.g. { BUS: { kafka: ['KAFKA_BROKERS'] } }: extra names required when BUS=kafka. */
  requiredWhen?: Record<string, Record<string, string[]>>;
  defaultPort: number;
}
export type EnvContract = Record<string, ServiceContract>;

type KeyValues = Record<string, string | number | boolean | null> | string[];

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: KeyValues };
  environment?: KeyValues;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target?: number; published?: string | number })[];
  volumes?: (string | { source?: string; target?: string })[];
}
export interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
export interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: Record<string, string> };
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
  spec?: {
    replicas?: number;
    accessModes?: string[];
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    ports?: { name?: string; port: number; targetPort?: string | number }[];
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: {
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: object }[];
      };
    };
  };
}

const read = (...path: string[]): string => readFileSync(join(ROOT, ...path), 'utf8');

export const loadCompose = (): Compose => parse(read('docker-compose.yml')) as Compose;
export const loadContract = (): EnvContract => JSON.parse(read('deploy', 'env-contract.json')) as EnvContract;
export const readText = read;

export interface K8sFile {
  file: string;
  errors: string[];
  objects: K8sObject[];
}

/** Every YAML file under deploy/k8s, each possibly holding several `---` documents. */
export function loadK8s(): K8sFile[] {
  return readdirSync(K8S_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const docs = parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8'));
      const list = Array.isArray(docs) ? docs : [];
      return {
        file,
        errors: list.flatMap((d) => d.errors.map((e) => e.message)),
        objects: list.map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null),
      };
    });
}

/** Compose accepts both `KEY: value` maps and `KEY=value` lists; normalise to a map. */
export function keyValues(input: KeyValues | undefined): Record<string, string> {
  if (!input) return {};
  if (Array.isArray(input)) {
    return Object.fromEntries(
      input.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** depends_on in short (list) or long (map) form; the short form means "service_started". */
export function dependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.condition ?? 'service_started']));
}

export const healthcheckText = (service: ComposeService): string => {
  const test = service.healthcheck?.test ?? '';
  return Array.isArray(test) ? test.join(' ') : test;
};

/** The names a service must be given under a concrete environment (required + conditional). */
export function requiredNames(contract: ServiceContract, env: Record<string, string>): string[] {
  const conditional = Object.entries(contract.requiredWhen ?? {}).flatMap(
    ([name, byValue]) => byValue[env[name] ?? ''] ?? [],
  );
  return [...contract.required, ...conditional];
}
