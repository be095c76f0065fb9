// Runs the validator alone (distributed mode), configured from the environment contract.
import { runServiceAlone } from '@ledger/platform';
import { validatorService } from './validator.service';

runServiceAlone(validatorService, 8082);
