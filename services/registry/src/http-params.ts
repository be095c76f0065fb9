import { ApiParam } from '@nestjs/swagger';
import { ModelNameSchema, TagKeySchema } from '@ledger/contracts';
import { openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ALIAS_MAX } from './model/setting-alias/alias-name';

const INT_MAX = 2_147_483_647;

// Path segments arrive as strings: "abc" and "1.5" are refused, never coerced or truncated.
const VersionNumber = z.number().int().min(1, 'must be a positive integer').max(INT_MAX, `must be at most ${INT_MAX}`);
const VersionSchema = z.string().regex(/^\d+$/, 'must be a positive integer').transform(Number).pipe(VersionNumber);

/** A whole number from a query string, within bounds: "1.5", "-1" and "abc" are refused. */
export const WholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(WholeNumberIn(min, max));

const WholeNumberIn = (min: number, max: number) =>
  z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** The document's schema of a WholeNumber(min, max) query parameter: an integer in the same bounds. */
export const wholeNumberSchema = (min: number, max: number) => openApiSchema(WholeNumberIn(min, max));

export const parseModelName = (raw: string): string => parseInput(ModelNameSchema, raw, 'name');
export const parseVersion = (raw: string): number => parseInput(VersionSchema, raw, 'version');

export const ModelNameParam = () =>
  ApiParam({
    name: 'name',
    description: 'Registered model name',
    example: 'churn',
    schema: openApiSchema(ModelNameSchema),
  });
export const VersionParam = () =>
  ApiParam({
    name: 'version',
    description: 'Version number (1, 2, …)',
    example: '3',
    schema: openApiSchema(VersionNumber),
  });

export const parseTagKey = (raw: string): string => parseInput(TagKeySchema, raw, 'key');
export const TagKeyParam = () =>
  ApiParam({ name: 'key', description: 'Tag key', example: 'team', schema: openApiSchema(TagKeySchema) });
/** Only what PostgreSQL can store: a read sends it to the database (an unset alias is a 404 later). */
export const parseAlias = (raw: string): string => parseInput(z.string(), raw, 'alias');
/** What validateAliasName takes, for documents. */
export const ALIAS_SCHEMA = {
  type: 'string',
  pattern: `^(?![Ll][Aa][Tt][Ee][Ss][Tt]$)(?![Vv][0-9]+$)[A-Za-z0-9_-]{1,${ALIAS_MAX}}$`,
};
export const AliasParam = () =>
  ApiParam({
    name: 'alias',
    description: 'Alias: letters, digits, "_" and "-"; not "latest" or "v<number>"',
    example: 'champion',
    schema: ALIAS_SCHEMA,
  });
