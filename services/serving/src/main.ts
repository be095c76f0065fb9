// Runs serving alone (distributed mode), configured from the environment contract. The data
// plane is plugged in through the config's runtime hook: without one serving refuses to start.
import { runServiceAlone } from '@ledger/platform';
import { servingService } from './serving.service';

runServiceAlone(servingService, 8085);
