// Runs the identity service alone (distributed mode, DESIGN.md §4), configured from the
// environment contract in deploy/env-contract.json (BOOTSTRAP_ADMIN_NAME and
// BOOTSTRAP_ADMIN_TOKEN create the first admin on a fresh database).
import { runServiceAlone } from '@ledger/platform';
import { identityService } from './identity.service';

runServiceAlone(identityService, 8086);
