// Runs serving alone (distributed mode), configured from the environment contract (ARTIFACTS_DIR,
// SERVING_ENVIRONMENT, SERVING_MAX_REPLICAS, SERVING_BATCH_WINDOW_MS among it).
import { runServiceAlone } from '@ledger/platform';
import { servingService } from './serving.service';

runServiceAlone(servingService, 8085);
