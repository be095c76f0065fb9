// The validator's data statistics (issue 8: data drift, data quality, slice gap, stability), pure
// functions over typed columns; the checks that read datasets call these.
export type { CategoryValues, CodedCategories } from './measuring-drift/aligned-counts.domain';
export type { DriftDetails } from './measuring-drift/column-drift.domain';
export { DRIFT_METHODS, METHOD_RULES, defaultMethod } from './measuring-drift/drift-methods.domain';
export type { ColumnType, DriftMethod } from './measuring-drift/drift-methods.domain';
export { DEFAULT_DRIFT_SHARE, measureDrift, summarizeDrift } from './measuring-drift/drift-report.domain';
export type {
  ColumnDrift,
  ColumnValues,
  Columns,
  DriftOptions,
  DriftReport,
} from './measuring-drift/drift-report.domain';
export { ksTwoSample } from './measuring-drift/ks-two-sample.domain';
export { checkQuality } from './checking-quality/data-quality.domain';
export type {
  MissingCheck,
  QualityExpectations,
  QualityReport,
  RangeCheck,
} from './checking-quality/data-quality.domain';
export { SIGNATURE_TYPES } from './checking-quality/schema-match.domain';
export type { SchemaMatch, SignatureColumn, SignatureType } from './checking-quality/schema-match.domain';
export { DEFAULT_MIN_SLICE_SIZE, measureSliceGap } from './measuring-slice-gap/slice-gap.domain';
export type { Slice, SliceGapInput, SliceGapReport, SliceMetric } from './measuring-slice-gap/slice-gap.domain';
export { measureStability } from './measuring-stability/stability.domain';
export type { StabilityReport } from './measuring-stability/stability.domain';
