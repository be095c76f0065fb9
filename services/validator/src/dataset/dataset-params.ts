import { ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { DatasetNameSchema, VERSION_NUMBER_MAX } from '@ledger/contracts';
import { openApiSchema, parseInput } from '@ledger/platform';

// Versions are PostgreSQL integers: a larger number is refused here, not overflowed in a query.
const VersionSchema = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(VERSION_NUMBER_MAX, `must be at most ${VERSION_NUMBER_MAX}`);

export const parseDatasetName = (raw: string): string => parseInput(DatasetNameSchema, raw, 'name');
export const parseDatasetVersion = (raw: string): number => parseInput(VersionSchema, raw, 'version');

export const DatasetNameParam = () =>
  ApiParam({
    name: 'name',
    description: 'Dataset name (letters, digits, . _ -)',
    example: 'churn-2026-03',
    schema: openApiSchema(DatasetNameSchema),
  });
export const DatasetVersionParam = () =>
  ApiParam({
    name: 'version',
    description: 'Dataset version (1, 2, …)',
    example: '2',
    schema: openApiSchema(VersionSchema),
  });
