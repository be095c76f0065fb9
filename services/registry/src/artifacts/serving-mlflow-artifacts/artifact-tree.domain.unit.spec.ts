import { ValidationError } from '@ledger/contracts';
import { listDirectory, parseArtifactPath } from './artifact-tree.domain';
import type { TarEntry } from './tar-format.domain';

const file = (path: string, sizeBytes = 1): TarEntry => ({ path, sizeBytes, kind: 'file' });

describe('listing a directory of an uploaded model, as MLflow lists artifacts', () => {
  const entries: TarEntry[] = [
    { path: 'model', sizeBytes: 0, kind: 'dir' },
    file('model/MLmodel', 10),
    file('model/model.pkl', 900),
    file('model/data/weights.bin', 5),
    { path: 'model/link', sizeBytes: 0, kind: 'other' },
    file('README.md', 3),
  ];

  it('names what is directly under the root, directories implied by deeper paths', () => {
    expect(listDirectory(entries, '')).toEqual([
      { path: 'README.md', is_dir: false, file_size: 3 },
      { path: 'model', is_dir: true },
    ]);
  });

  it('lists a subdirectory with base names and sizes, never links', () => {
    expect(listDirectory(entries, 'model')).toEqual([
      { path: 'MLmodel', is_dir: false, file_size: 10 },
      { path: 'data', is_dir: true },
      { path: 'model.pkl', is_dir: false, file_size: 900 },
    ]);
  });

  it('lists a file or a missing path as empty', () => {
    expect(listDirectory(entries, 'model/MLmodel')).toEqual([]);
    expect(listDirectory(entries, 'nowhere')).toEqual([]);
  });
});

describe('artifact paths on the MLflow artifact routes', () => {
  const modelId = '0190f3a4-1b2c-7d3e-8f40-123456789abc';

  it('reads the model id, the version and the file inside', () => {
    expect(parseArtifactPath(`models/${modelId}/versions/3/model/MLmodel`)).toEqual({
      modelId,
      version: 3,
      file: 'model/MLmodel',
    });
    expect(parseArtifactPath(`models/${modelId}/versions/3`)).toEqual({ modelId, version: 3, file: '' });
  });

  it.each([
    '',
    'mlruns/0/abc',
    `models/not-a-uuid/versions/1`,
    `models/${modelId}/versions/0`,
    `models/${modelId}/versions/99999999999`,
    `models/${modelId}/versions/1/../../etc/passwd`,
  ])('refuses %j naming the path and the form', (raw) => {
    expect(() => parseArtifactPath(raw)).toThrow(ValidationError);
    expect(() => parseArtifactPath(raw)).toThrow(/path: .*expected models\/<model id>\/versions\/<version>/);
  });
});
