import type { PrincipalView } from './principal/getting-principals/principals.projection';
import type { TokenView } from './principal/listing-tokens/tokens.projection';
import type { IssuedToken } from './principal/issuing-token/issue-token';

// Examples shown at /docs.
export const PRINCIPAL_EXAMPLE: PrincipalView = {
  principalId: '0190a6f0-3c1e-7d2a-9b1f-4a7e2c9d8b10',
  name: 'alice@example.com',
  kind: 'user',
  displayName: 'Alice Example',
  roles: ['approver'],
  disabled: false,
  createdAt: '2025-03-03T14:00:00.000Z',
  updatedAt: '2025-03-04T09:30:00.000Z',
};

export const TOKEN_EXAMPLE: TokenView = {
  tokenId: '3f9a0c1e7d2a4b1f9a7e2c9d8b10e4c2',
  principal: 'alice@example.com',
  label: 'laptop',
  createdAt: '2025-03-03T14:00:00.000Z',
  expiresAt: '2025-06-01T00:00:00.000Z',
  revokedAt: null,
};

export const ISSUED_TOKEN_EXAMPLE: IssuedToken = {
  token: 'mlt_3f9a0c1e7d2a4b1f9a7e2c9d8b10e4c2_q8Vb1r0sXy3kT5nW7pLz9aB2cD4eF6gH8iJ0kL2mN4o',
  tokenId: TOKEN_EXAMPLE.tokenId,
  label: 'laptop',
  expiresAt: '2025-06-01T00:00:00.000Z',
};

export const NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'principal "alice@example.com" does not exist',
};
export const INVALID_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'name: must start with a letter or digit and hold only letters, digits and . _ @ + -',
};
export const MALFORMED_EXAMPLE = {
  error_code: 'MALFORMED_REQUEST',
  message: 'malformed request: Unexpected end of JSON input',
};
export const FORBIDDEN_EXAMPLE = {
  error_code: 'PERMISSION_DENIED',
  message: 'this needs the admin role, which bob does not have',
};
export const DISABLED_EXAMPLE = {
  error_code: 'INVALID_STATE',
  message: 'principal "alice@example.com" is disabled and cannot get new tokens',
};
export const LAST_ADMIN_EXAMPLE = {
  error_code: 'INVALID_STATE',
  message: 'principal "root" is the last enabled admin: make another principal admin first',
};
