// Test harness for the registry's integration tests: the kit's serviceUnderTest with the
// registry's definition. Not used by production code.
import { Clock } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { AuthMode, OidcSettings } from '@ledger/platform';
import { serviceUnderTest, ServiceUnderTest } from '@ledger/testing';
import { RegistryConfig, registryService, RegistryServiceContext, RunningRegistry } from './registry.service';

export type { ApiResponse } from '@ledger/testing';

export interface RegistryUnderTest extends ServiceUnderTest<RegistryServiceContext> {
  registry: RunningRegistry;
}

export async function startRegistry(
  label: string,
  options: { bus?: Bus; clock?: Clock; auth?: AuthMode; oidc?: OidcSettings; config?: RegistryConfig } = {},
): Promise<RegistryUnderTest> {
  const t = await serviceUnderTest(registryService, { label, ...options });
  return { ...t, registry: t.service };
}
