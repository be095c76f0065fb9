/**
 * What a request presents in its Authorization header. Basic carries the token as the password
 * and the principal's name as the user (what MLflow's MLFLOW_TRACKING_USERNAME/PASSWORD send);
 * Bearer carries the token alone (MLFLOW_TRACKING_TOKEN).
 */
export type Credentials =
  | { scheme: 'none' }
  | { scheme: 'malformed' }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; token: string };

const SCHEME = /^([A-Za-z]+) +(\S+) *$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses the header without judging the token: verification says whether it proves anything. */
export function credentialsFrom(header: string | string[] | undefined): Credentials {
  if (header === undefined) return { scheme: 'none' };
  if (Array.isArray(header)) return { scheme: 'malformed' };
  const match = SCHEME.exec(header.trim());
  if (!match) return { scheme: 'malformed' };
  const [, scheme, value] = match;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return { scheme: 'bearer', token: value };
    case 'basic':
      return basic(value);
    default:
      return { scheme: 'malformed' };
  }
}

function basic(encoded: string): Credentials {
  if (!BASE64.test(encoded)) return { scheme: 'malformed' };
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // RFC 7617: the user-id cannot hold a colon, the password may.
  const colon = decoded.indexOf(':');
  if (colon <= 0) return { scheme: 'malformed' };
  return { scheme: 'basic', username: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}
