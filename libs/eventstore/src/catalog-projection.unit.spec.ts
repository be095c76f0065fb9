import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { defineMessage, MessageCatalog } from '@ledger/contracts';
import { catalogProjection } from './catalog-projection';
import { project } from './projection';
import { storedEvent as stored } from './stored-event.fixture';

// Version 1 called the name `title`; the upcaster is what a rebuild over old events relies on.
const Renamed = defineMessage({
  type: 'Renamed',
  schemaVersion: 2,
  description: 'test: a thing took a name',
  schema: z.object({ n: z.number(), name: z.string() }),
  upcasters: { 1: ({ title, ...rest }) => ({ ...rest, name: title }) },
});
const Noted = defineMessage({
  type: 'Noted',
  schemaVersion: 1,
  description: 'test: a note',
  schema: z.object({ n: z.number(), text: z.string() }),
});
const Ignored = defineMessage({
  type: 'Ignored',
  schemaVersion: 1,
  description: 'test: handled by nobody',
  schema: z.object({ n: z.number() }),
});
const testProjection = catalogProjection(new MessageCatalog([Renamed, Noted, Ignored]));

const tx = {} as EntityManager;
const reset = async () => undefined;

describe('catalogProjection', () => {
  it('refuses, at compile time, a type the catalog does not define and a field its event lacks', () => {
    const unknownType = () =>
      testProjection({
        name: 'p',
        on: {
          Noted: async () => undefined,
          // @ts-expect-error the catalog defines no Unknown event
          Unknown: async () => undefined,
        },
        reset,
      });
    const missingField = () =>
      testProjection({
        name: 'p',
        on: {
          // @ts-expect-error Noted carries text, not name
          Noted: async (_tx, event) => event.data.name,
        },
        reset,
      });
    expect([unknownType, missingField]).toHaveLength(2);
  });

  it('handles exactly the types it has handlers for', () => {
    const projection = testProjection({ name: 'p', on: { Renamed: reset, Noted: reset }, reset });
    expect(projection.handles).toEqual(['Renamed', 'Noted']);
  });

  it('hands each handler the payload upcast to the current schema', async () => {
    const names: string[] = [];
    const projection = testProjection({
      name: 'p',
      on: { Renamed: async (_tx, { data }) => names.push(data.name) },
      reset,
    });
    await projection.apply(tx, stored('Renamed', 1, { title: 'old' }, 1));
    await projection.apply(tx, stored('Renamed', 2, { name: 'new' }, 2));
    expect(names).toEqual(['old', 'new']);
  });

  it('writes a run of one type in one call (upcast too) and everything else one by one, in order', async () => {
    const calls: string[] = [];
    const projection = testProjection({
      name: 'p',
      on: {
        Renamed: async (_tx, { data }) => calls.push(`${data.name}${data.n}`),
        Noted: async (_tx, { data }) => calls.push(`note${data.n}`),
      },
      runs: { Renamed: async (_tx, run) => calls.push(`[${run.map(({ data }) => `${data.name}${data.n}`)}]`) },
      reset,
    });
    const renamed = (n: number) => stored('Renamed', n, { title: 'r' }, 1);
    const noted = (n: number) => stored('Noted', n, { text: 't' });
    await project(projection, tx, [
      renamed(1),
      renamed(2),
      noted(3),
      stored('Ignored', 4, {}),
      renamed(5),
      noted(6),
      noted(7),
    ]);
    expect(calls).toEqual(['[r1,r2]', 'note3', '[r5]', 'note6', 'note7']);
  });
});
