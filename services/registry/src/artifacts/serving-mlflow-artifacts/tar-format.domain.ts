/**
 * A tar archive read as a stream of events, without holding it: ustar and pax headers (what
 * Python's tarfile and GNU tar write), GNU long names. Pure: bytes in, events out.
 */
export interface TarEntry {
  path: string;
  sizeBytes: number;
  /** Links, devices and entries whose path would leave the archive's root are `other`: never served. */
  kind: 'file' | 'dir' | 'other';
}

export type TarEvent = { kind: 'entry'; entry: TarEntry } | { kind: 'data'; bytes: Buffer };

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;
// pax and GNU long-name records are small; a larger one is not an archive we should trust.
const META_MAX = 1024 * 1024;

type Phase = 'header' | 'data' | 'meta' | 'skip' | 'end';

export class TarReader {
  private pending: Buffer = Buffer.alloc(0);
  private phase: Phase = 'header';
  private remaining = 0;
  private padding = 0;
  private current: TarEntry | null = null;
  private meta: { type: string; chunks: Buffer[] } | null = null;
  private override: { path?: string; sizeBytes?: number } = {};

  /** The events the chunk completes; the rest waits for the next chunk. */
  push(chunk: Buffer): TarEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: TarEvent[] = [];
    while (this.step(events));
    return events;
  }

  /** The archive ended: a cut inside an entry is an error, trailing bytes after the end blocks are not. */
  finish(): void {
    if (
      this.phase === 'data' ||
      this.phase === 'meta' ||
      this.phase === 'skip' ||
      (this.phase === 'header' && this.pending.length > 0)
    )
      throw new TarFormatError('the tar archive is truncated');
  }

  private step(events: TarEvent[]): boolean {
    if (this.phase === 'end') return false;
    if (this.phase === 'header') return this.readHeader(events);
    if (this.phase === 'skip') return this.skip();
    const n = Math.min(this.remaining, this.pending.length);
    if (n === 0 && this.remaining > 0) return false;
    const bytes = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    this.remaining -= n;
    if (this.phase === 'meta') this.meta!.chunks.push(bytes);
    else if (n > 0 && this.current?.kind === 'file') events.push({ kind: 'data', bytes });
    if (this.remaining === 0) this.endOfContent();
    return true;
  }

  private readHeader(events: TarEvent[]): boolean {
    if (this.pending.length < BLOCK) return false;
    const block = this.pending.subarray(0, BLOCK);
    this.pending = this.pending.subarray(BLOCK);
    if (block.every((b) => b === 0)) {
      this.phase = 'end';
      return false;
    }
    const header = parseHeader(block);
    this.padding = (BLOCK - (header.sizeBytes % BLOCK)) % BLOCK;
    this.remaining = header.sizeBytes;
    if (header.type === 'x' || header.type === 'L' || header.type === 'g') {
      if (header.sizeBytes > META_MAX) throw new TarFormatError('a tar extended header is too large');
      this.meta = { type: header.type, chunks: [] };
      this.phase = 'meta';
    } else {
      const path = this.override.path ?? header.path;
      const sizeBytes = this.override.sizeBytes ?? header.sizeBytes;
      this.override = {};
      this.remaining = sizeBytes;
      this.padding = (BLOCK - (sizeBytes % BLOCK)) % BLOCK;
      this.current = { path: safePath(path), sizeBytes, kind: kindOf(header.type, path) };
      if (this.current.path === '') this.current.kind = 'other';
      events.push({ kind: 'entry', entry: this.current });
      this.phase = 'data';
    }
    if (this.remaining === 0) this.endOfContent();
    return true;
  }

  private endOfContent(): void {
    if (this.phase === 'meta') this.applyMeta();
    this.current = null;
    this.phase = this.padding > 0 ? 'skip' : 'header';
  }

  private skip(): boolean {
    const n = Math.min(this.padding, this.pending.length);
    if (n === 0) return false;
    this.pending = this.pending.subarray(n);
    this.padding -= n;
    if (this.padding === 0) this.phase = 'header';
    return true;
  }

  private applyMeta(): void {
    const { type, chunks } = this.meta!;
    const text = Buffer.concat(chunks).toString('utf8');
    this.meta = null;
    if (type === 'L') this.override.path = text.replace(/\0.*$/s, '');
    if (type === 'x') this.override = { ...this.override, ...paxRecords(text) };
  }
}

interface Header {
  path: string;
  sizeBytes: number;
  type: string;
}

function parseHeader(block: Buffer): Header {
  const stored = octal(block.subarray(148, 156));
  let sum = 8 * 32;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i];
  if (stored !== sum) throw new TarFormatError('not a tar archive (a header checksum does not match)');
  const name = text(block.subarray(0, 100));
  const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? text(block.subarray(345, 500)) : '';
  return {
    path: prefix ? `${prefix}/${name}` : name,
    sizeBytes: sizeOf(block.subarray(124, 136)),
    type: text(block.subarray(156, 157)),
  };
}

// Sizes of 8 GiB and more are base-256 (GNU): the high bit of the first byte is set.
function sizeOf(field: Buffer): number {
  if ((field[0] & 0x80) === 0) return octal(field);
  let value = field[0] & 0x7f;
  for (const byte of field.subarray(1)) value = value * 256 + byte;
  return value;
}

const text = (field: Buffer): string => field.toString('utf8').replace(/\0.*$/s, '');
const octal = (field: Buffer): number => parseInt(text(field).trim() || '0', 8);

// "<length> <key>=<value>\n" records; only path and size matter for serving files.
function paxRecords(records: string): { path?: string; sizeBytes?: number } {
  const found: { path?: string; sizeBytes?: number } = {};
  for (const line of records.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match?.[1] === 'path') found.path = match[2];
    if (match?.[1] === 'size') found.sizeBytes = Number(match[2]);
  }
  return found;
}

function kindOf(type: string, path: string): TarEntry['kind'] {
  if (type === '5' || ((type === '' || type === '0') && path.endsWith('/'))) return 'dir';
  if (type === '' || type === '0' || type === '7') return 'file';
  return 'other';
}

/** The entry's path relative to the archive root; '' when it would leave it (absolute, "..") or is the root. */
export function safePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (path.startsWith('/') || parts.includes('..')) return '';
  return parts.join('/');
}
