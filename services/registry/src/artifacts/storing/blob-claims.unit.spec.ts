import { BlobClaims } from './blob-claims';

const SHA = 'a'.repeat(64);

describe('blob claims', () => {
  it('counts claims per digest; each release ends its own claim once', () => {
    const claims = new BlobClaims();
    const first = claims.claim(SHA);
    const second = claims.claim(SHA);
    first();
    first();
    expect(claims.isClaimed(SHA)).toBe(true);
    second();
    expect(claims.isClaimed(SHA)).toBe(false);
    expect(claims.isClaimed('b'.repeat(64))).toBe(false);
  });

  it('runs exclusive work on one digest one at a time, in order, even when earlier work fails', async () => {
    const claims = new BlobClaims();
    const seen: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const discard = claims.exclusive(SHA, async () => {
      await gate;
      seen.push(`discard sees claimed=${claims.isClaimed(SHA)}`);
      throw new Error('store failed');
    });
    const publish = claims.exclusive(SHA, async () => {
      claims.claim(SHA);
      seen.push('claimed');
    });
    const other = claims.exclusive('b'.repeat(64), async () => seen.push('other digest'));
    await other;
    open();
    await expect(discard).rejects.toThrow('store failed');
    await publish;
    expect(seen).toEqual(['other digest', 'discard sees claimed=false', 'claimed']);
  });
});
