import { ValidationError } from '@ledger/contracts';

/**
 * Opaque keyset page tokens: base64url JSON `{ v, q, k, c }` — format version, fingerprint of the
 * query (filter + order) it belongs to, the last row's sort keys, and a checksum. The checksum
 * is not a signature (anyone can recompute it); it catches truncated or hand-edited tokens, and
 * edited keys could only ever move the cursor, since they reach SQL as parameters.
 */
const VERSION = 1;

interface TokenBody {
  v: number;
  q: string;
  k: string[];
  c: string;
}

export function encodePageToken(queryFingerprint: string, keys: readonly string[]): string {
  const body: TokenBody = {
    v: VERSION,
    q: queryFingerprint,
    k: [...keys],
    c: checksum(VERSION, queryFingerprint, keys),
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The sort keys of the row the token points after; rejects tokens of other queries. */
export function decodePageToken(token: string, queryFingerprint: string, keyCount: number): string[] {
  const body = parse(token);
  if (body.v !== VERSION) throw invalid(`unsupported version ${JSON.stringify(body.v)}`);
  if (typeof body.q !== 'string' || !isStringArray(body.k) || body.c !== checksum(body.v, body.q, body.k)) {
    throw invalid('it has been altered');
  }
  if (body.q !== queryFingerprint || body.k.length !== keyCount) {
    throw invalid('it belongs to a search with a different filter or order_by');
  }
  return body.k;
}

function parse(token: string): Partial<TokenBody> {
  // Buffer's decoder skips characters outside the alphabet; check first so garbage is rejected.
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid('could not be decoded');
  try {
    const body: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    return body as Partial<TokenBody>;
  } catch {
    throw invalid('could not be decoded');
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function checksum(version: number, fingerprint: string, keys: readonly string[]): string {
  return hash(JSON.stringify([version, fingerprint, keys]));
}

function invalid(reason: string): ValidationError {
  return new ValidationError(`Invalid page token: ${reason}`);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a: a stable, dependency-free fingerprint (domain code may not import crypto). */
export function hash(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return h.toString(16).padStart(16, '0');
}
