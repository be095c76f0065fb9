// Runs the deployer alone (distributed mode), configured from the environment contract (SERVING_URL among it).
import { runServiceAlone } from '@ledger/platform';
import { deployerService } from './deployer.service';

runServiceAlone(deployerService, 8083);
