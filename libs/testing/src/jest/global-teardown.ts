export default async function globalTeardown(): Promise<void> {
  for (const infra of globalThis.__LEDGER_INFRA__ ?? []) await infra.stop();
}
