import { ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { DatasetNameSchema } from '@ledger/contracts';
import { parseInput } from '@ledger/platform';

const VersionSchema = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1');

export const parseDatasetName = (raw: string): string => parseInput(DatasetNameSchema, raw, 'name');
export const parseDatasetVersion = (raw: string): number => parseInput(VersionSchema, raw, 'version');

export const DatasetNameParam = () =>
  ApiParam({ name: 'name', description: 'Dataset name (letters, digits, . _ -)', example: 'churn-2026-03' });
export const DatasetVersionParam = () =>
  ApiParam({ name: 'version', description: 'Dataset version (1, 2, …)', example: '2' });
