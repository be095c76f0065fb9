import { parseToken, PrincipalNameSchema } from '@ledger/contracts';

/** The first admin, given to a fresh service (the all-in-one runner generates the token and prints it). */
export interface BootstrapAdminInput {
  name: string;
  token: string;
}

export type BootstrapConfigInput = { bootstrapAdmin?: BootstrapAdminInput };

/**
 * The service's config wins over BOOTSTRAP_ADMIN_NAME and BOOTSTRAP_ADMIN_TOKEN; both or neither.
 * Like every variable of the env contract, a malformed value stops the service at start — and
 * the message never repeats the token.
 */
export function bootstrapAdminSettings(
  given: BootstrapConfigInput,
  env: Record<string, string | undefined>,
): BootstrapAdminInput | undefined {
  // Empty is unset: docker-compose passes `${BOOTSTRAP_ADMIN_NAME:-}` through when nobody set it.
  const name = given.bootstrapAdmin?.name ?? (env.BOOTSTRAP_ADMIN_NAME || undefined);
  const token = given.bootstrapAdmin?.token ?? (env.BOOTSTRAP_ADMIN_TOKEN || undefined);
  if (name === undefined && token === undefined) return undefined;
  if (!name || !token)
    throw new Error(
      'bootstrap admin: set both a name and a token (BOOTSTRAP_ADMIN_NAME, BOOTSTRAP_ADMIN_TOKEN), or neither',
    );
  const parsed = PrincipalNameSchema.safeParse(name);
  if (!parsed.success) throw new Error(`bootstrap admin: the name ${parsed.error.issues[0].message}`);
  if (!parseToken(token))
    throw new Error('bootstrap admin: the token is not of the form mlt_<32 hex digits>_<43 base64url characters>');
  return { name, token };
}
