import { DEFAULT_PIPELINE, durationMs, PipelineDefinitionSchema, stepNeeds } from './pipeline-definition';

const issuesOf = (input: unknown) => {
  const parsed = PipelineDefinitionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const wait = (id: string, needs?: string[]) => ({ id, type: 'wait', duration: '1s', ...(needs ? { needs } : {}) });

describe('a pipeline definition', () => {
  it('ships a default that parses, with its defaults filled', () => {
    const pipeline = PipelineDefinitionSchema.parse(DEFAULT_PIPELINE);
    expect(pipeline.steps.map((s) => s.id)).toEqual([
      'validate',
      'staging',
      'challenger',
      'approve',
      'production',
      'champion',
      'rollout',
    ]);
    expect(pipeline.steps[3]).toMatchObject({ type: 'approval', required: 1, separationOfDuties: false });
    expect(pipeline).toMatchObject({ maxConcurrentRuns: 10, supersede: true });
  });

  it('reads a plain list as a chain and honours explicit needs', () => {
    const pipeline = PipelineDefinitionSchema.parse({ steps: [wait('a'), wait('b'), wait('c', ['a'])] });
    expect([0, 1, 2].map((i) => stepNeeds(pipeline.steps, i))).toEqual([[], ['a'], ['a']]);
  });

  it('refuses repeated ids, unknown needs and cycles, naming where', () => {
    expect(issuesOf({ steps: [wait('a'), wait('a')] })).toEqual(['steps.1.id: repeats step id "a"']);
    expect(issuesOf({ steps: [wait('a', ['zz'])] })).toEqual(['steps.0.needs.0: names no step: "zz"']);
    expect(issuesOf({ steps: [wait('a', ['b']), wait('b', ['a'])] })).toEqual(['steps: needs form a cycle: a → b → a']);
  });

  it('refuses bad durations, unknown step types and unknown fields', () => {
    expect(issuesOf({ steps: [{ id: 'a', type: 'wait', duration: '5y' }] })[0]).toMatch(/^steps.0.duration: must be/);
    expect(issuesOf({ steps: [{ id: 'a', type: 'wait', duration: '31d' }] })).toEqual([
      'steps.0.duration: must be at most 30 days',
    ]);
    expect(issuesOf({ steps: [{ id: 'a', type: 'teleport' }] })[0]).toMatch(/^steps.0.type/);
    expect(issuesOf({ steps: [{ ...wait('a'), colour: 'red' }] })[0]).toMatch(/colour/);
  });

  it('converts durations to milliseconds', () => {
    expect(['500ms', '30s', '10m', '2h', '1d'].map(durationMs)).toEqual([500, 30_000, 600_000, 7_200_000, 86_400_000]);
  });
});
