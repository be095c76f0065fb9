/**
 * Last committed state per stream, an in-memory snapshot: loading then reads only the events
 * after it (none, when this instance wrote last), so a long stream costs O(1) per command.
 * Bounded; the least recently written stream goes first.
 */
export class StateCache<S> {
  private readonly states = new Map<string, { state: S; version: number }>();

  constructor(private readonly size: number) {}

  get(streamId: string): { state: S; version: number } | undefined {
    return this.states.get(streamId);
  }

  remember(streamId: string, committed: { state: S; version: number }): void {
    if (this.size === 0) return;
    this.states.delete(streamId); // re-insert: Map order doubles as least-recently-written order
    this.states.set(streamId, { state: committed.state, version: committed.version });
    if (this.states.size > this.size) this.states.delete(this.states.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }
}
