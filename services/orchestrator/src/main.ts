// Runs the orchestrator alone (distributed mode), configured from the environment contract.
import { runServiceAlone } from '@ledger/platform';
import { orchestratorService } from './orchestrator.service';

runServiceAlone(orchestratorService, 8084);
