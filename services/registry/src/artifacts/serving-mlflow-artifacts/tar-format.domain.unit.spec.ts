import { safePath, TarEvent, TarFormatError, TarReader } from './tar-format.domain';
import { paxHeader as pax, tarArchive as archive, tarEntry as entry } from './tar.fixtures';

/** Files and their contents as the reader streams them, fed in chunks of `size` bytes. */
function readAll(bytes: Buffer, size: number): Record<string, string> {
  const reader = new TarReader();
  const files: Record<string, string> = {};
  let current = '';
  const take = (events: TarEvent[]) => {
    for (const event of events) {
      if (event.kind === 'entry') files[(current = `${event.entry.kind}:${event.entry.path}`)] = '';
      else files[current] += event.bytes.toString();
    }
  };
  for (let at = 0; at < bytes.length; at += size) take(reader.push(bytes.subarray(at, at + size)));
  reader.finish();
  return files;
}

describe('reading a tar archive as a stream', () => {
  const model = archive(
    entry('model/', '', '5'),
    entry('model/MLmodel', 'flavors:\n  sklearn: {}\n'),
    entry('model.pkl', 'x'.repeat(1300), '0', 'model'),
    entry('model/empty.txt', ''),
  );

  it.each([1, 7, 512, 100_000])('gives every entry and its bytes whatever the chunk size (%i)', (size) => {
    expect(readAll(model, size)).toEqual({
      'dir:model': '',
      'file:model/MLmodel': 'flavors:\n  sklearn: {}\n',
      'file:model/model.pkl': 'x'.repeat(1300),
      'file:model/empty.txt': '',
    });
  });

  it('takes long names from pax and GNU headers', () => {
    const long = `model/${'d'.repeat(120)}/weights.bin`;
    const gnu = entry('././@LongLink', `${long}\u0000`, 'L');
    expect(readAll(archive(pax({ path: long }), entry('short', 'a')), 64)).toEqual({ [`file:${long}`]: 'a' });
    expect(readAll(archive(gnu, entry('short', 'b')), 64)).toEqual({ [`file:${long}`]: 'b' });
  });

  it('never serves links or paths leaving the root', () => {
    const files = readAll(archive(entry('../evil', 'x'), entry('/etc/passwd', 'y'), entry('model/ln', '', '2')), 512);
    expect(Object.keys(files).sort()).toEqual(['other:', 'other:model/ln']);
    expect(Object.values(files).join('')).toBe('');
  });

  it('refuses bytes that are not a tar archive and a cut archive', () => {
    expect(() => new TarReader().push(Buffer.alloc(512, 7))).toThrow(TarFormatError);
    const cut = new TarReader();
    cut.push(model.subarray(0, 1100));
    expect(() => cut.finish()).toThrow(/truncated/);
  });

  it('keeps paths relative to the root', () => {
    expect(safePath('./model/MLmodel')).toBe('model/MLmodel');
    expect(safePath('a/../../b')).toBe('');
  });
});
