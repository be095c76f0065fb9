import type { Signature, TensorSpec } from '@ledger/contracts';
import type { VersionView } from '../listing-versions/version-view';

/** One compared field: its value in each version, in the order the versions were asked for. */
export interface ComparedRow {
  key: string;
  /** null where the version has no such field (a metric it did not report, a tensor it lacks). */
  values: (string | number | null)[];
  /** Not every version has the same value. */
  differs: boolean;
}

export interface SignatureDiff {
  inputs: ComparedRow[];
  outputs: ComparedRow[];
  /** Some tensor is missing from, added to or typed/shaped differently in some version. */
  differs: boolean;
}

export interface VersionComparison {
  name: string;
  versions: number[];
  /** What the registry records about each version: stage, aliases, semver label and why, run, artifact. */
  facts: ComparedRow[];
  metrics: ComparedRow[];
  params: ComparedRow[];
  tags: ComparedRow[];
  signature: SignatureDiff;
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 20;

/** The versions side by side, in the order given; keys sorted so the answer is stable. */
export function compareVersions(name: string, versions: readonly VersionView[]): VersionComparison {
  return {
    name,
    versions: versions.map((v) => v.version),
    facts: factRows(versions),
    metrics: rowsOf(versions.map((v) => v.metrics)),
    params: rowsOf(versions.map((v) => v.params)),
    tags: rowsOf(versions.map((v) => v.tags)),
    signature: signatureDiff(versions.map((v) => v.signature)),
  };
}

const FACTS: [string, (v: VersionView) => string | number | null][] = [
  ['stage', (v) => v.stage],
  ['aliases', (v) => [...v.aliases].sort().join(',')],
  ['label', (v) => v.semver?.label ?? null],
  ['label reason', (v) => v.semver?.reason ?? null],
  ['run', (v) => v.runId || null],
  ['source', (v) => v.source || null],
  ['framework', (v) => v.framework || null],
  ['artifact sha256', (v) => v.artifact?.sha256 ?? null],
  ['artifact bytes', (v) => v.artifact?.sizeBytes ?? null],
  ['created', (v) => v.createdAt],
];

function factRows(versions: readonly VersionView[]): ComparedRow[] {
  return FACTS.map(([key, of]) => row(key, versions.map(of)));
}

/** One row per key any version has, sorted by key. */
export function rowsOf(maps: readonly Record<string, string | number>[]): ComparedRow[] {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  return keys.map((key) =>
    row(
      key,
      maps.map((m) => (Object.hasOwn(m, key) ? m[key] : null)),
    ),
  );
}

function row(key: string, values: (string | number | null)[]): ComparedRow {
  return { key, values, differs: values.some((value) => value !== values[0]) };
}

export function signatureDiff(signatures: readonly (Signature | null)[]): SignatureDiff {
  const inputs = rowsOf(signatures.map((s) => tensorsOf(s?.inputs)));
  const outputs = rowsOf(signatures.map((s) => tensorsOf(s?.outputs)));
  return { inputs, outputs, differs: [...inputs, ...outputs].some((r) => r.differs) };
}

/** Tensors by name; an unnamed one by its position, as `#0`, `#1`, … */
function tensorsOf(specs: readonly TensorSpec[] | undefined): Record<string, string> {
  const entries = (specs ?? []).map((spec, i) => [spec.name ?? `#${i}`, describeTensor(spec)] as const);
  return Object.fromEntries(entries);
}

export function describeTensor(spec: TensorSpec): string {
  return spec.shape ? `${spec.type}[${spec.shape.join(',')}]` : spec.type;
}

/**
 * The version numbers of `?versions=1,2,3`: whole numbers, no repeats, COMPARE_MIN..COMPARE_MAX of
 * them. Answers the numbers or what is wrong with the text (the edge names the field).
 */
export function parseVersionList(raw: string): number[] | string {
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^[1-9]\d{0,9}$/.test(part) || Number(part) > 2_147_483_647))
    return `must be version numbers separated by commas (e.g. 1,2,3), got "${raw}"`;
  const numbers = parts.map(Number);
  if (new Set(numbers).size !== numbers.length) return `must not repeat a version, got "${raw}"`;
  if (numbers.length < COMPARE_MIN || numbers.length > COMPARE_MAX)
    return `must name ${COMPARE_MIN} to ${COMPARE_MAX} versions, got ${numbers.length}`;
  return numbers;
}
