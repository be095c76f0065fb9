import type { PolicyCheckOf, Signature } from '@ledger/contracts';
import { QualityExpectations, QualityReport, SIGNATURE_TYPES, SignatureColumn, SignatureType } from '../../data';
import { CheckFinding, finding } from '../check-evaluator';
import { DatasetUse, lineageOf } from '../reading-evidence/lineage.domain';

type QualityCheck = PolicyCheckOf<'data_quality'>;

// Tensor signatures name NumPy dtypes; column signatures name MLflow's types directly.
const DTYPES: Record<string, SignatureType> = {
  float32: 'float',
  float64: 'double',
  int32: 'integer',
  int64: 'long',
  bool: 'boolean',
  str: 'string',
  object: 'string',
};

/** The signature's named inputs as the schema match takes them; inputs with no name or a type it cannot judge are left out. */
export function signatureColumns(signature: Signature | null): SignatureColumn[] | undefined {
  if (signature === null) return undefined;
  return signature.inputs.flatMap((input) => {
    const type = (SIGNATURE_TYPES as readonly string[]).includes(input.type)
      ? (input.type as SignatureType)
      : DTYPES[input.type];
    return input.name !== undefined && type !== undefined ? [{ name: input.name, type }] : [];
  });
}

/** The policy's expectations for these columns: a per-column missing rate wins over the general one. */
export function qualityExpectations(
  check: QualityCheck,
  columns: string[],
  signature: Signature | null,
): QualityExpectations {
  const perColumn = (column: string) => check.column_missing_rates[column] ?? check.max_missing_rate;
  const rates = columns.flatMap((column) => (perColumn(column) === undefined ? [] : [[column, perColumn(column)!]]));
  const schema = check.schema_match ? signatureColumns(signature) : undefined;
  return {
    maxMissingRate: Object.fromEntries(rates),
    ranges: check.ranges,
    ...(check.min_rows === undefined ? {} : { minRows: check.min_rows }),
    ...(schema === undefined ? {} : { signature: schema }),
  };
}

/**
 * Passes when every expectation holds. The schema must cover the signature (no input missing or
 * of another type); columns the signature does not name (the label of a holdout) are only listed.
 */
export function qualityFinding(
  check: QualityCheck,
  report: QualityReport,
  hasSignature: boolean,
  used: DatasetUse[],
): CheckFinding {
  const problems = [
    ...report.missing.filter((m) => !m.passed).map((m) => `${m.column} missing ${m.rate} > ${m.maxRate}`),
    ...report.ranges
      .filter((r) => !r.passed)
      .map((r) => `${r.column} ${r.note ?? `${r.below} below ${r.min}, ${r.above} above ${r.max}`}`),
    ...(report.rowCount && !report.rowCount.passed
      ? [`${report.rows} rows < min_rows ${report.rowCount.minRows}`]
      : []),
    ...(report.schema?.missingColumns ?? []).map((column) => `signature input ${column} missing`),
    ...(report.schema?.wrongTypes ?? []).map((w) => `${w.column} is ${w.actual}, the signature says ${w.expected}`),
  ];
  const worstMissing = Math.max(0, ...report.missing.map((m) => m.rate));
  const notes = check.schema_match && !hasSignature ? ['the version has no signature: the schema was not matched'] : [];
  const details = { ...report, notes, ...lineageOf(used) };
  const rest = { value: worstMissing, threshold: check.max_missing_rate ?? null, details };
  const said = [`${report.rows} rows`, ...notes].join('; ');
  return problems.length > 0
    ? finding('failed', `data quality: ${problems.join('; ')} (${said})`, rest)
    : finding('passed', `data quality holds (${said})`, rest);
}
