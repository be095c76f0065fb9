/**
 * Digests that uploads in this process have published to the store but not yet attached (their
 * ArtifactAttached is not committed, so version_artifacts does not show them yet). Content
 * addressing dedups identical bytes, so a refused upload's blob can be the very file another
 * upload is about to attach: discarding must see that upload's claim.
 *
 * Claiming and discarding a digest run one at a time per digest (`exclusive`), so a discard
 * either finishes before a claim is taken (and the claimant then publishes its own copy) or sees
 * the claim and keeps the blob. This only covers one process; see discardIfOrphaned.
 */
export class BlobClaims {
  private readonly counts = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  /** Claims the digest; the answer releases it (idempotent). */
  claim(sha256: string): () => void {
    this.counts.set(sha256, (this.counts.get(sha256) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(sha256) ?? 1) - 1;
      if (left > 0) this.counts.set(sha256, left);
      else this.counts.delete(sha256);
    };
  }

  isClaimed(sha256: string): boolean {
    return this.counts.has(sha256);
  }

  /** Runs work after every earlier exclusive work on the same digest has settled. */
  async exclusive<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(sha256) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(sha256, tail);
    try {
      return await result;
    } finally {
      // The map holds only digests with work in flight.
      if (this.tails.get(sha256) === tail) this.tails.delete(sha256);
    }
  }
}
