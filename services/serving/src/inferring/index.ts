import type { Feature } from '@ledger/platform';
import type { ServingContext } from '../serving.context';
import { KserveV1Http } from './kserve-v1.http';
import { OipV2Http } from './oip-v2.http';

export { inferenceErrorDialect } from './inference-errors.http';
export { acceptInferenceBodies } from './inference-bodies.http';
export { servingSettings, type InferenceSettings, type ServingConfigInput } from './serving-settings';

/** Inference: Open Inference Protocol v2 and KServe v1 on the data plane (needs ServingContext.plane and .inference). */
export const inferenceFeature: Feature<ServingContext> = {
  name: 'inference',
  http: [OipV2Http, KserveV1Http],
};
