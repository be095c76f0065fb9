import { CommandEnvelope, Topics, UnavailableError } from '@ledger/contracts';
import { Bus } from '@ledger/messaging';
import { DeploymentRuntime, RuntimeCommand, VersionMetrics } from './deployment-runtime';

const ACTOR = { id: 'deployer', kind: 'service' as const };

/** Our serving service as the runtime: commands over the bus, metrics over its HTTP read API. */
export class LocalServingRuntime implements DeploymentRuntime {
  constructor(
    /** Absent when the deployer runs without a bus (some tests): commands cannot reach serving then. */
    private readonly bus: Bus | undefined,
    private readonly servingUrl: string,
    /** The deployer's API token for serving's read API when serving authenticates (SERVING_TOKEN). */
    private readonly token?: string,
  ) {}

  async send(command: RuntimeCommand): Promise<void> {
    if (!this.bus) throw new UnavailableError('the deployer runs without a bus: serving cannot be reached');
    const envelope: CommandEnvelope = {
      commandId: command.commandId,
      type: command.type,
      schemaVersion: 1,
      actor: ACTOR,
      correlationId: command.correlationId,
      data: command.data,
    };
    // Keyed by model name, as every producer of ml.serving.commands keys: one model's commands stay in order.
    await this.bus.publish([
      {
        topic: Topics.servingCommands,
        key: command.data.name,
        value: JSON.stringify(envelope),
        headers: { type: command.type },
      },
    ]);
  }

  async metrics(environment: string, name: string, windowSeconds: number): Promise<VersionMetrics[]> {
    const path = `/api/v1/environments/${encodeURIComponent(environment)}/models/${encodeURIComponent(name)}/metrics`;
    const url = `${this.servingUrl.replace(/\/$/, '')}${path}?windowSeconds=${windowSeconds}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(10_000),
        headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      });
    } catch (error) {
      throw new UnavailableError(`serving at ${this.servingUrl} did not answer: ${(error as Error).message}`);
    }
    // Nothing served yet: serving knows no such model there.
    if (response.status === 404) return [];
    if (!response.ok) throw new UnavailableError(`serving answered ${response.status} to ${path}`);
    const body = (await response.json()) as { versions?: VersionMetrics[] };
    return body.versions ?? [];
  }
}
