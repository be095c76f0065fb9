import { ValidationError } from '@ledger/contracts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isSha256 = (value: string): boolean => SHA256_HEX.test(value);

/**
 * The digest an uploader announces in X-Content-SHA256 (hex, any case), for a put's
 * expectedSha256; undefined when the header is absent, a ValidationError naming it when malformed.
 */
export function announcedSha256(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim().toLowerCase();
  if (!isSha256(value))
    throw new ValidationError('X-Content-SHA256: must be a sha256 digest of 64 hex characters', {
      header: 'X-Content-SHA256',
    });
  return value;
}

/**
 * Where content with this digest lives below a store's root (a local directory or a bucket
 * prefix): sha256/ab/cd/<digest>. Two levels of fan-out keep every directory small (at most 256
 * entries per level) however many blobs there are. Anything but a lower-case hex digest is
 * refused, so a caller can never steer a path outside the root.
 */
export function contentPath(sha256: string): string {
  if (!isSha256(sha256)) throw new TypeError(`not a lower-case hex sha256: ${JSON.stringify(sha256)}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** An HTTP entity tag is a quoted string (RFC 9110 §8.8.3); the content digest is a strong one. */
export const etagOf = (sha256: string): string => `"${sha256}"`;

/** True when an If-None-Match header names this digest (or is "*"). */
export function matchesEtag(ifNoneMatch: string | undefined, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === '*' || trimmed === etagOf(sha256);
  });
}
