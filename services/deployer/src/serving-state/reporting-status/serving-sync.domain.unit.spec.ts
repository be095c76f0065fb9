import { servingDifferences, ServingSides } from './serving-sync.domain';

const table = (...routes: [number, number][]) => ({ routes: routes.map(([version, weight]) => ({ version, weight })) });
const sides = (overrides: Partial<ServingSides['actual']> = {}): ServingSides => ({
  desired: { traffic: table([3, 90], [4, 10]), replicas: 2, stableVersion: 3 },
  actual: {
    traffic: table([4, 10], [3, 90]),
    versions: [
      { version: 3, state: 'ready', replicas: 2 },
      { version: 4, state: 'ready', replicas: 2 },
    ],
    ...overrides,
  },
});

describe('desired versus actual serving', () => {
  it('is in sync when serving routes the same split over ready versions with the wanted replicas', () => {
    expect(servingDifferences(sides())).toEqual([]);
  });

  it('names each difference: another table, a routed version not ready, other replicas', () => {
    expect(
      servingDifferences(
        sides({
          traffic: table([3, 100]),
          versions: [
            { version: 3, state: 'ready', replicas: 1 },
            { version: 4, state: 'loading', replicas: 0 },
          ],
        }),
      ),
    ).toEqual([
      'the routing table in serving is not the one the deployer set (yet)',
      'version 4 takes 10% but is loading in serving',
      'version 3 runs 1 replicas, 2 wanted',
    ]);
  });
});
