import { z } from 'zod';
import { defineMessage } from '../catalog';

export const PRINCIPAL_NAME_MAX = 128;
// Usernames (also e-mail addresses) and service account names: what an HTTP Basic user-id may hold.
export const PrincipalNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(PRINCIPAL_NAME_MAX, `must be at most ${PRINCIPAL_NAME_MAX} characters`)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/,
    'must start with a letter or digit and hold only letters, digits and . _ @ + -',
  );

/**
 * Roles are names; these carry meaning in the platform. `admin` may do everything, `approver`
 * may set protected aliases and stages and approve promotions, `delegate` (service accounts
 * only) may act on behalf of another principal named in X-Actor.
 */
export const KNOWN_ROLES = ['admin', 'approver', 'delegate'] as const;
export const RoleSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and -, starting with a letter');
export const RolesSchema = z
  .array(RoleSchema)
  .max(32, 'at most 32 roles')
  .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role')
  // The refinement, as documents say it (JSON Schema has no refinements).
  .meta({ uniqueItems: true });

export const PrincipalKindSchema = z.enum(['user', 'service']);
export const DisplayNameSchema = z.string().max(256, 'must be at most 256 characters');

const principalRef = { principalId: z.uuid(), name: PrincipalNameSchema };

export const PrincipalCreated = defineMessage({
  type: 'PrincipalCreated',
  schemaVersion: 1,
  description: 'A user or a service account was created with its roles.',
  schema: z.strictObject({
    ...principalRef,
    kind: PrincipalKindSchema,
    displayName: DisplayNameSchema,
    roles: RolesSchema,
  }),
});

export const PrincipalRolesSet = defineMessage({
  type: 'PrincipalRolesSet',
  schemaVersion: 1,
  description: "A principal's roles were replaced; `previous` are the roles it had.",
  schema: z.strictObject({ ...principalRef, roles: RolesSchema, previous: RolesSchema }),
});

export const PrincipalDisabled = defineMessage({
  type: 'PrincipalDisabled',
  schemaVersion: 1,
  description: 'A principal was disabled: none of its tokens authenticates any more.',
  schema: z.strictObject(principalRef),
});

export const TokenIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits');
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
export const TokenLabelSchema = z.string().max(256, 'must be at most 256 characters');

/**
 * Only the sha256 of the token's secret is recorded: the secret is 256 random bits, shown once
 * to whoever asked for it, so its digest reveals nothing and can travel to every service.
 */
export const TokenIssued = defineMessage({
  type: 'TokenIssued',
  schemaVersion: 1,
  description: 'An API token was issued to a principal (its secret is never recorded, only its sha256).',
  schema: z.strictObject({
    ...principalRef,
    tokenId: TokenIdSchema,
    secretSha256: Sha256Schema,
    label: TokenLabelSchema,
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  }),
});

export const TokenRevoked = defineMessage({
  type: 'TokenRevoked',
  schemaVersion: 1,
  description: 'An API token was revoked: it no longer authenticates.',
  schema: z.strictObject({ ...principalRef, tokenId: TokenIdSchema }),
});

export type PrincipalCreatedData = z.infer<typeof PrincipalCreated.schema>;
export type TokenIssuedData = z.infer<typeof TokenIssued.schema>;
