import { TrafficResponse } from './traffic-report';
import {
  answersByVersion,
  failureShare,
  failuresByVersion,
  failuresByWindow,
  NO_VERSION,
  sentBetween,
  sharesByVersion,
  versionsByKey,
} from './traffic-summary';

let seq = 0;
const answer = (sentAt: number, status: number, version: string | null, key?: string): TrafficResponse => ({
  seq: seq++,
  sentAt,
  receivedAt: sentAt + 3,
  latencyMs: 3,
  status,
  version: status === 0 ? null : version,
  ...(key === undefined ? {} : { key }),
});

describe('summaries of the traffic a generator saw', () => {
  // A canary at 25%: three answers from version 1, one from version 2, one that failed on 2.
  const canary = [
    answer(1000, 200, '1'),
    answer(1010, 200, '1'),
    answer(1020, 200, '2'),
    answer(1030, 200, '1'),
    answer(1040, 503, '2'),
  ];

  it('give each version its share of the successful answers, failures left out', () => {
    expect(sharesByVersion(canary)).toEqual({ '1': 0.75, '2': 0.25 });
    expect(answersByVersion(canary)).toEqual({ '1': 3, '2': 1 });
  });

  it('count failures overall and by the version that answered, no answer under NO_VERSION', () => {
    const withRefused = [...canary, answer(1050, 0, null)];
    expect(failureShare(withRefused)).toBeCloseTo(2 / 6, 12);
    expect(failuresByVersion(withRefused)).toEqual({
      '1': { requests: 3, failed: 0 },
      '2': { requests: 2, failed: 1 },
      [NO_VERSION]: { requests: 1, failed: 1 },
    });
  });

  it('count a 4xx answer as a failure and an empty run as none failed', () => {
    expect(failureShare([answer(0, 404, '1'), answer(1, 200, '1')])).toBe(0.5);
    expect(failureShare([])).toBe(0);
    expect(sharesByVersion([])).toEqual({});
  });

  it('split failures into windows by the time requests were sent, empty windows kept', () => {
    const traffic = [answer(0, 200, '1'), answer(99, 503, '1'), answer(100, 200, '1'), answer(350, 0, null)];
    expect(failuresByWindow(traffic, 100)).toEqual([
      { from: 0, to: 100, requests: 2, failed: 1 },
      { from: 100, to: 200, requests: 1, failed: 0 },
      { from: 200, to: 300, requests: 0, failed: 0 },
      { from: 300, to: 400, requests: 1, failed: 1 },
    ]);
    expect(failuresByWindow([], 100)).toEqual([]);
    expect(() => failuresByWindow(traffic, 0)).toThrow('windowMs');
  });

  it('pick the requests sent in a time range, start inclusive and end exclusive', () => {
    const picked = sentBetween(canary, 1010, 1030).map((r) => r.sentAt);
    expect(picked).toEqual([1010, 1020]);
    expect(sentBetween(canary, 1030).map((r) => r.version)).toEqual(['1', '2']);
  });

  it('list the versions that served each sticky key, ignoring failures and keyless requests', () => {
    const sticky = [
      answer(0, 200, '1', 'alice'),
      answer(1, 200, '1', 'alice'),
      answer(2, 200, '2', 'bob'),
      answer(3, 503, '1', 'bob'),
      answer(4, 200, '1', 'carol'),
      answer(5, 200, '2', 'carol'),
      answer(6, 200, '2'),
    ];
    expect(versionsByKey(sticky)).toEqual({ alice: ['1'], bob: ['2'], carol: ['1', '2'] });
  });
});
