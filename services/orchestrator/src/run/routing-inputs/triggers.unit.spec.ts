import { PipelineTrigger } from '@ledger/contracts';
import { triggeredBy } from './starting-on-triggers';

describe('which registry events start a pipeline', () => {
  const event = (type: string, data: Record<string, unknown> = {}) => ({
    type,
    data: { modelId: 'm', version: 3, ...data },
  });
  const triggers: PipelineTrigger[] = [
    { on: 'AliasSet', alias: 'challenger' },
    { on: 'StageTransitioned', stage: 'Staging' },
  ];

  it('an alias or stage change that names the trigger’s alias or stage', () => {
    expect(triggeredBy(triggers, event('AliasSet', { alias: 'challenger' }))).toBe(true);
    expect(triggeredBy(triggers, event('VersionStageTransitioned', { to: 'Staging' }))).toBe(true);
  });

  it('not another alias, another stage, or a new version without a VersionCreated trigger', () => {
    expect(triggeredBy(triggers, event('AliasSet', { alias: 'champion' }))).toBe(false);
    expect(triggeredBy(triggers, event('VersionStageTransitioned', { to: 'Production' }))).toBe(false);
    expect(triggeredBy(triggers, event('VersionCreated'))).toBe(false);
    expect(triggeredBy([{ on: 'VersionCreated' }], event('VersionCreated'))).toBe(true);
  });

  it('never a schedule or manual trigger (those start runs elsewhere)', () => {
    const other: PipelineTrigger[] = [
      { on: 'manual' },
      { on: 'schedule', cron: '0 * * * *', target: { alias: 'champion' } },
    ];
    expect(triggeredBy(other, event('VersionCreated'))).toBe(false);
    expect(triggeredBy(other, event('AliasSet', { alias: 'champion' }))).toBe(false);
  });
});
