// Runs the registry alone (distributed mode, DESIGN.md §4), configured from the environment
// contract in deploy/env-contract.json: `node scripts/run-ts.js services/registry/src/main.ts`.
import { runServiceAlone } from '@ledger/platform';
import { registryService } from './registry.service';

runServiceAlone(registryService, 8081);
