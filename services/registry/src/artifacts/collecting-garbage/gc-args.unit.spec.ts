import { DEFAULT_OLDER_THAN_MS } from './collect-garbage';
import { parseGcArgs } from './gc-args';

describe('artifacts gc: command line', () => {
  it('is a dry run with a one hour threshold by default', () => {
    expect(parseGcArgs([])).toEqual({ dryRun: true, olderThanMs: DEFAULT_OLDER_THAN_MS });
  });

  it('deletes only with --apply and takes the threshold in minutes', () => {
    expect(parseGcArgs(['--apply', '--older-than-minutes', '90'])).toEqual({ dryRun: false, olderThanMs: 90 * 60_000 });
  });

  it.each([
    [['--older-than-minutes']],
    [['--older-than-minutes', '0']],
    [['--older-than-minutes', '1.5']],
    [['--force']],
  ])('refuses %j', (argv) => {
    expect(() => parseGcArgs(argv)).toThrow(/usage/);
  });
});
