import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './cli-errors';

export const SERVICES = ['registry', 'validator', 'deployer', 'orchestrator', 'serving'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The default ports of DESIGN.md §4. */
const DEFAULT_PORTS: Record<ServiceName, number> = {
  registry: 8081,
  validator: 8082,
  deployer: 8083,
  orchestrator: 8084,
  serving: 8085,
};

export interface CliConfig {
  urls: Record<ServiceName, string>;
  token?: string;
  /** Where the token came from, for the hint of a 401: MLEDGER_TOKEN, the config file, ./data/admin-token. */
  tokenSource?: string;
  output: OutputFormat;
}

/** The config file's shape: every key optional. */
interface ConfigFile {
  url?: string;
  registryUrl?: string;
  validatorUrl?: string;
  deployerUrl?: string;
  orchestratorUrl?: string;
  servingUrl?: string;
  token?: string;
  output?: string;
}

export interface ConfigSources {
  env: NodeJS.ProcessEnv;
  /** --config: must exist when given. */
  configPath?: string;
  /** --output: beats the file's. */
  output?: string;
  cwd: string;
}

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mledger', 'config.json');
}

/**
 * Environment beats the config file, which beats defaults. A service without a URL of its own
 * runs on the registry's host at its default port, as `npm start` lays them out.
 */
export function resolveConfig(sources: ConfigSources): CliConfig {
  const file = readConfigFile(sources.configPath ?? defaultConfigPath(sources.env), !!sources.configPath);
  const { env } = sources;
  const registry = url('MLEDGER_URL', env.MLEDGER_REGISTRY_URL || env.MLEDGER_URL || file.registryUrl || file.url);
  const base = registry ?? `http://127.0.0.1:${DEFAULT_PORTS.registry}`;
  const urls = Object.fromEntries(
    SERVICES.map((service) => {
      const key = `MLEDGER_${service.toUpperCase()}_URL`;
      const explicit =
        service === 'registry' ? registry : url(key, env[key] || file[`${service}Url` as keyof ConfigFile]);
      return [service, trimSlash(explicit ?? sameHost(base, DEFAULT_PORTS[service]))];
    }),
  ) as Record<ServiceName, string>;
  return { urls, ...tokenOf(sources, file), output: outputOf(sources, file) };
}

/** MLEDGER_TOKEN, else the config file's, else the one `npm start` keeps beside its data. */
function tokenOf(sources: ConfigSources, file: ConfigFile): Pick<CliConfig, 'token' | 'tokenSource'> {
  if (sources.env.MLEDGER_TOKEN) return { token: sources.env.MLEDGER_TOKEN, tokenSource: 'MLEDGER_TOKEN' };
  const path = sources.configPath ?? defaultConfigPath(sources.env);
  if (file.token) return { token: file.token, tokenSource: `the "token" of ${path}` };
  const kept = adminToken(sources.cwd);
  return kept ? { token: kept, tokenSource: join(sources.cwd, 'data', 'admin-token') } : {};
}

function outputOf(sources: ConfigSources, file: ConfigFile): OutputFormat {
  const output = sources.output ?? sources.env.MLEDGER_OUTPUT ?? file.output ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output))
    throw new UsageError(`output: must be one of ${OUTPUT_FORMATS.join(', ')}, got "${output}"`);
  return output as OutputFormat;
}

function readConfigFile(path: string, required: boolean): ConfigFile {
  if (!existsSync(path)) {
    if (required) throw new UsageError(`config file ${path} does not exist`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as ConfigFile;
  } catch (error) {
    throw new UsageError(`config file ${path} is not a JSON object (${(error as Error).message})`);
  }
}

function url(name: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
    return value;
  } catch {
    throw new UsageError(`${name}: must be an http(s) URL, got "${value}"`);
  }
}

function sameHost(base: string, port: number): string {
  const parsed = new URL(base);
  return `${parsed.protocol}//${parsed.hostname}:${port}`;
}

const trimSlash = (value: string): string => value.replace(/\/+$/, '');

/** `npm start` keeps the first admin's token in ./data/admin-token "for scripts and the CLI". */
function adminToken(cwd: string): string | undefined {
  const path = join(cwd, 'data', 'admin-token');
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}
