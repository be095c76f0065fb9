import { ValidationError } from '@ledger/contracts';
import { announcedSha256, contentPath, etagOf, isSha256, matchesEtag } from './content-address';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('content addresses', () => {
  it('lays content out as sha256/<2 hex>/<next 2 hex>/<digest>', () => {
    expect(contentPath(SHA)).toBe(`sha256/9f/86/${SHA}`);
  });

  it.each([['../../etc/passwd'], [SHA.toUpperCase()], [SHA.slice(1)], [`${SHA}0`], [''], [`sha256:${SHA}`]])(
    'refuses %p as a digest, so no path can leave the root',
    (bad) => {
      expect(isSha256(bad)).toBe(false);
      expect(() => contentPath(bad)).toThrow(TypeError);
    },
  );

  it('quotes the digest as a strong ETag and matches If-None-Match lists, weak tags and *', () => {
    expect(etagOf(SHA)).toBe(`"${SHA}"`);
    expect(matchesEtag(`"${SHA}"`, SHA)).toBe(true);
    expect(matchesEtag(`"other", W/"${SHA}"`, SHA)).toBe(true);
    expect(matchesEtag('*', SHA)).toBe(true);
    expect(matchesEtag(SHA, SHA)).toBe(false);
    expect(matchesEtag(undefined, SHA)).toBe(false);
  });
});

describe('an announced digest (X-Content-SHA256)', () => {
  it('is read in any case, and absent when the header is', () => {
    expect(announcedSha256(` ${SHA.toUpperCase()} `)).toBe(SHA);
    expect(announcedSha256(undefined)).toBeUndefined();
  });

  it('is refused, naming the header, when it is no sha256', () => {
    expect(() => announcedSha256('abc')).toThrow(
      new ValidationError('X-Content-SHA256: must be a sha256 digest of 64 hex characters'),
    );
  });
});
