import { ApiParam } from '@nestjs/swagger';
import { PrincipalNameSchema, TokenIdSchema } from '@ledger/contracts';
import { openApiSchema, parseInput } from '@ledger/platform';

export const parsePrincipalName = (raw: string): string => parseInput(PrincipalNameSchema, raw, 'name');
export const parseTokenId = (raw: string): string => parseInput(TokenIdSchema, raw, 'tokenId');

export const PrincipalNameParam = () =>
  ApiParam({
    name: 'name',
    description: 'Principal name (a user or a service account)',
    example: 'alice@example.com',
    schema: openApiSchema(PrincipalNameSchema),
  });
export const TokenIdParam = () =>
  ApiParam({
    name: 'tokenId',
    description: 'Token id: the 32 hex digits after mlt_',
    example: '3f9a0c1e7d2a4b1f9a7e2c9d8b10e4c2',
    schema: openApiSchema(TokenIdSchema),
  });
