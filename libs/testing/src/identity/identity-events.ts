// Test helper: publishes identity events on the bus as the identity service would, so a
// service's authentication can be tested without that service. Not used by production code.
import { randomUUID } from 'node:crypto';
import { Envelope, envelopeHeaders, identityEvents, MessageOf, Topics } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { mintToken, type MintedToken } from '@ledger/platform';

type IdentityEvent = MessageOf<typeof identityEvents>;

// The identity service mints tokens the same way (only their digest goes into the event).
export { mintToken, type MintedToken } from '@ledger/platform';

export interface TestPrincipal {
  principalId: string;
  name: string;
  kind: 'user' | 'service';
}

/** Where the events go: the bus, or straight into a service's log or consumer. */
export type IdentitySink = Bus | ((envelope: Envelope) => Promise<unknown>);

/** The identity service's side, in a test: principals and tokens as events on ml.identity.events. */
export class IdentityEventsPublisher {
  private readonly versions = new Map<string, number>();

  constructor(private readonly sink: IdentitySink) {}

  async createPrincipal(
    name: string,
    options: { kind?: 'user' | 'service'; roles?: string[] } = {},
  ): Promise<TestPrincipal> {
    const principal = { principalId: randomUUID(), name, kind: options.kind ?? 'user' };
    await this.publish(principal, {
      type: 'PrincipalCreated',
      data: { ...principal, displayName: '', roles: options.roles ?? [] },
    });
    return principal;
  }

  /** Issues a token to the principal; expiresAt is an ISO time or null (never). */
  async issueToken(principal: TestPrincipal, expiresAt: string | null = null): Promise<MintedToken> {
    const minted = mintToken();
    const { principalId, name } = principal;
    await this.publish(principal, {
      type: 'TokenIssued',
      data: { principalId, name, tokenId: minted.tokenId, secretSha256: minted.secretSha256, label: 'test', expiresAt },
    });
    return minted;
  }

  revokeToken({ principalId, name }: TestPrincipal, tokenId: string): Promise<void> {
    return this.publish({ principalId }, { type: 'TokenRevoked', data: { principalId, name, tokenId } });
  }

  disable({ principalId, name }: TestPrincipal): Promise<void> {
    return this.publish({ principalId }, { type: 'PrincipalDisabled', data: { principalId, name } });
  }

  /** Keyed by principal, as the identity service's relay keys them: one principal's events stay in order. */
  private async publish({ principalId }: { principalId: string }, event: IdentityEvent): Promise<void> {
    const streamVersion = (this.versions.get(principalId) ?? 0) + 1;
    this.versions.set(principalId, streamVersion);
    const envelope: Envelope = {
      id: newId(),
      type: event.type,
      schemaVersion: 1,
      source: 'identity',
      streamId: `principal-${principalId}`,
      streamVersion,
      occurredAt: new Date().toISOString(),
      actor: { id: 'admin', kind: 'user' },
      correlationId: newId(),
      causationId: null,
      data: event.data,
    };
    identityEvents.parseEnvelope(envelope);
    if (typeof this.sink === 'function') await this.sink(envelope);
    else
      await this.sink.publish([
        {
          topic: Topics.identityEvents,
          key: principalId,
          value: JSON.stringify(envelope),
          headers: envelopeHeaders(envelope),
        },
      ]);
  }
}
