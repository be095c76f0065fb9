import { z } from 'zod';
import { defineMessage } from '../catalog';
import {
  DisplayNameSchema,
  PrincipalKindSchema,
  PrincipalNameSchema,
  RolesSchema,
  TokenIdSchema,
  TokenLabelSchema,
} from './principal-events';

export const CreatePrincipal = defineMessage({
  type: 'CreatePrincipal',
  schemaVersion: 1,
  description: 'Create a user or a service account with a unique name.',
  schema: z.strictObject({
    name: PrincipalNameSchema,
    kind: PrincipalKindSchema.default('user'),
    displayName: DisplayNameSchema.default(''),
    roles: RolesSchema.default([]),
  }),
});

export const SetPrincipalRoles = defineMessage({
  type: 'SetPrincipalRoles',
  schemaVersion: 1,
  description: "Replace a principal's roles.",
  schema: z.strictObject({ name: PrincipalNameSchema, roles: RolesSchema }),
});

export const DisablePrincipal = defineMessage({
  type: 'DisablePrincipal',
  schemaVersion: 1,
  description: 'Disable a principal: none of its tokens authenticates any more.',
  schema: z.strictObject({ name: PrincipalNameSchema }),
});

export const RevokeToken = defineMessage({
  type: 'RevokeToken',
  schemaVersion: 1,
  description: "Revoke one of a principal's API tokens.",
  schema: z.strictObject({ name: PrincipalNameSchema, tokenId: TokenIdSchema }),
});

/**
 * What a caller asks for when it asks for a token (over HTTP only: the secret must reach the
 * caller). The service mints the id and secret and records only the secret's digest.
 */
export const TokenRequestSchema = z.strictObject({
  label: TokenLabelSchema.default(''),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
