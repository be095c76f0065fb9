import { mergeFeatures } from './feature';

const migration = (id: string) => ({ id, sql: `-- ${id}` });

describe('merging the features of a service', () => {
  it('runs migrations in the order of their ids, whatever the order of the features', () => {
    const merged = mergeFeatures([
      { name: 'model', migrations: [migration('registry-001-names'), migration('registry-014-location')] },
      { name: 'auditing', migrations: [migration('registry-010-history')] },
      { name: 'artifacts', migrations: [migration('registry-artifacts-001-table')] },
    ]);
    expect(merged.migrations.map((m) => m.id)).toEqual([
      'registry-001-names',
      'registry-010-history',
      'registry-014-location',
      'registry-artifacts-001-table',
    ]);
  });

  it('refuses a migration declared by two features', () => {
    expect(() =>
      mergeFeatures([
        { name: 'a', migrations: [migration('x-001')] },
        { name: 'b', migrations: [migration('x-001')] },
      ]),
    ).toThrow(/x-001 is declared twice/);
  });

  it('keeps inline read models in feature order (the first one may guard the rest)', () => {
    const projection = (name: string) => ({ name }) as never;
    expect(
      mergeFeatures([
        { name: 'a', inline: [projection('names')] },
        { name: 'b', inline: [projection('history')] },
      ]).inline,
    ).toEqual([{ name: 'names' }, { name: 'history' }]);
  });

  it('builds the reacting projections of every feature from the context and host, in feature order', () => {
    const projection = (name: string) => ({ name }) as never;
    const merged = mergeFeatures<{ label: string }>([
      { name: 'a', reacting: (context) => [projection(`${context.label}-router`)] },
      { name: 'b' },
      { name: 'c', reacting: (_context, host) => [projection(`${host.name}-starter`)] },
    ]);
    expect(merged.reacting({ label: 'runs' }, { name: 'orchestrator' } as never)).toEqual([
      { name: 'runs-router' },
      { name: 'orchestrator-starter' },
    ]);
  });
});
