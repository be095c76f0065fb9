import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../orchestrator.context';
import { RunsHttp } from './getting-runs/runs.http';
import { runsProjection } from './getting-runs/runs.projection';
import { RUNS_MIGRATION } from './getting-runs/runs.tables';
import { steerRunOnBus } from './steering-run/steer-run.bus';
import { SteerRunHttp } from './steering-run/steer-run.http';

/**
 * Runs over HTTP and the bus: approve, reject, cancel, retry and skip (each handed to the run
 * workflow), and the runs read back with their steps, history and metrics (the metrics route is
 * served by the pipeline feature, ahead of `/pipelines/{model}`).
 */
export const runsFeature: Feature<OrchestratorContext> = {
  name: 'runs',
  http: [SteerRunHttp, RunsHttp],
  bus: steerRunOnBus,
  projections: [runsProjection],
  migrations: [RUNS_MIGRATION],
};
