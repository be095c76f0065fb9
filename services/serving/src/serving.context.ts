import { DataSource } from 'typeorm';
import { MetadataSource } from '@ledger/eventstore';
import type { ServingRuntime } from './runtime/serving-runtime';
import type { ServingControl } from './served-model/serving-control';
import type { ServingDataPlane } from './runtime/create-serving-runtime';
import type { InferenceSettings } from './inferring/serving-settings';

export const SERVING = Symbol('serving-context');
export const SOURCE = 'serving';

/** What serving's slices share: its database (the control plane's log), clock and ids, the data plane. */
export interface ServingContext {
  db: DataSource;
  metadata: MetadataSource;
  runtime: ServingRuntime;
  /** The control plane: the command handler of served models (per model and environment) and its limits. */
  control: ServingControl;
  /**
   * The same data plane as `runtime` (createServingRuntime's answer), with what the inference and
   * metrics routes use beyond the control plane's port.
   */
  plane: ServingDataPlane;
  /** The default environment and request limits of the inference routes (servingSettings). */
  inference: InferenceSettings;
}
