// Tar archives built in tests, byte for byte as tar(1) and Python's tarfile write them. Not used by production code.

/** A ustar header: name, octal size and type, the checksum over the block. */
export function tarHeader(name: string, size: number, type = '0', prefix = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 'utf8');
  block.write(size.toString(8).padStart(11, '0'), 124, 'latin1');
  block.write(type, 156, 'latin1');
  block.write('ustar\u000000', 257, 'latin1');
  block.write(prefix, 345, 'utf8');
  block.fill(' ', 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return block;
}

const padded = (content: Buffer) => Buffer.concat([content, Buffer.alloc((512 - (content.length % 512)) % 512)]);

/** One entry: its header and its content padded to whole blocks. */
export const tarEntry = (name: string, content: string | Buffer, type = '0', prefix = ''): Buffer => {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.concat([tarHeader(name, bytes.length, type, prefix), padded(bytes)]);
};

/** The entries followed by the two zero blocks that end an archive. */
export const tarArchive = (...entries: Buffer[]): Buffer => Buffer.concat([...entries, Buffer.alloc(1024)]);

/** A pax extended header carrying the records (e.g. a long path). */
export function paxHeader(records: Record<string, string>): Buffer {
  const body = Object.entries(records)
    .map(([key, value]) => {
      const rest = ` ${key}=${value}\n`;
      let length = rest.length + 1;
      while (`${length}${rest}`.length !== length) length += 1;
      return `${length}${rest}`;
    })
    .join('');
  return tarEntry('PaxHeader', body, 'x');
}
