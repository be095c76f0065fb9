import { ValidationError } from '@ledger/contracts';
import type { ColumnValues } from './data-quality.domain';

/** MLflow's column types, as a model signature declares them. */
export const SIGNATURE_TYPES = [
  'double',
  'float',
  'long',
  'integer',
  'boolean',
  'string',
  'binary',
  'datetime',
] as const;
export type SignatureType = (typeof SIGNATURE_TYPES)[number];

export interface SignatureColumn {
  name: string;
  type: SignatureType;
  /** MLflow marks optional inputs required: false; a missing optional column is not a mismatch. */
  required?: boolean;
}

export interface SchemaMatch {
  missingColumns: string[];
  extraColumns: string[];
  wrongTypes: { column: string; expected: SignatureType; actual: string }[];
  passed: boolean;
}

/**
 * The data's columns against a declared signature: required columns missing, columns the
 * signature does not name, and columns whose values cannot be of the declared type (numbers
 * for double/float; whole numbers for long/integer; 0/1 for boolean; strings otherwise).
 */
export function checkSchema(columns: Record<string, ColumnValues>, signature: SignatureColumn[]): SchemaMatch {
  signature.forEach(validateColumn);
  const declared = new Set(signature.map((column) => column.name));
  const missingColumns = signature
    .filter((column) => column.required !== false && !(column.name in columns))
    .map((column) => column.name);
  const extraColumns = Object.keys(columns).filter((name) => !declared.has(name));
  const wrongTypes = signature
    .filter((column) => column.name in columns)
    .flatMap((column) => {
      const actual = actualType(columns[column.name], column.type);
      return actual === null ? [] : [{ column: column.name, expected: column.type, actual }];
    });
  return {
    missingColumns,
    extraColumns,
    wrongTypes,
    passed: missingColumns.length === 0 && extraColumns.length === 0 && wrongTypes.length === 0,
  };
}

/** null when the values fit the declared type, else what they are. */
function actualType(values: ColumnValues, declared: SignatureType): string | null {
  const numeric = values instanceof Float64Array;
  switch (declared) {
    case 'double':
    case 'float':
      return numeric ? null : 'string';
    case 'long':
    case 'integer':
      if (!numeric) return 'string';
      return everyPresent(values, Number.isInteger) ? null : 'double';
    case 'boolean':
      if (!numeric) return 'string';
      return everyPresent(values, (value) => value === 0 || value === 1) ? null : 'double';
    default:
      return numeric ? 'double' : null;
  }
}

function everyPresent(values: Float64Array, test: (value: number) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]) && !test(values[i])) return false;
  return true;
}

function validateColumn(column: SignatureColumn, at: number): void {
  if (typeof column.name !== 'string' || column.name === '')
    throw new ValidationError(`signature[${at}].name: must be a non-empty string`);
  if (!(SIGNATURE_TYPES as readonly string[]).includes(column.type))
    throw new ValidationError(
      `signature[${at}].type: unknown type '${column.type}' (one of ${SIGNATURE_TYPES.join(', ')})`,
    );
}
