import { Feature } from '@ledger/platform';
import type { ValidatorContext } from '../validator.context';
import { ValidationRunsHttp, ValidationStatsHttp } from './getting-runs/validations.http';
import { VALIDATION_RUNS_MIGRATION, validationRuns } from './getting-runs/validation-runs.projection';
import { registryKnowledge } from '@ledger/registry-knowledge';
import { startingRuns } from './starting-run/runs-on-version-created.projection';
import { startRunOnBus } from './starting-run/start-run.bus';
import { StartRunHttp } from './starting-run/start-run.http';

/** Validation runs: started by VersionCreated (see the version feature's projection), HTTP or the bus; read with their reports. */
export const runFeature: Feature<ValidatorContext> = {
  name: 'run',
  http: [StartRunHttp, ValidationStatsHttp, ValidationRunsHttp],
  bus: [startRunOnBus],
  projections: [startingRuns(registryKnowledge), validationRuns],
  migrations: [VALIDATION_RUNS_MIGRATION],
};
