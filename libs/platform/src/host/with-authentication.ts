import { SECURITY_LOG_MIGRATION } from '../auth/access';
import { Topics } from '@ledger/contracts';
import { authenticate } from '../auth/authenticate';
import { identityEventsConsumer } from '../auth/identity-events.consumer';
import { findToken, IDENTITY_READ_MODEL_MIGRATION, identityReadModel } from '../auth/identity-read-model';
import { ServiceDefinition, ServiceHost, StartServiceOptions } from './service-definition';
import { Projection } from '@ledger/eventstore';
import { TokenCache } from '../auth/token-cache';
import { OidcVerifier } from '../auth/oidc/oidc-verifier';

/**
 * The definition with authentication added, when it is on: the identity read model and its
 * migration, the middleware ahead of every route (and of the service's own raw routes), and how
 * the read model is fed — from the bus through the inbox, or, in the identity service itself,
 * from its own log by the projection runner (its events are already there).
 */
export function withAuthentication<Context, Config>(
  definition: ServiceDefinition<Context, Config>,
  options: StartServiceOptions,
): ServiceDefinition<Context, Config> {
  if ((options.auth ?? 'off') === 'off') return definition;
  const ownsIdentity = definition.relay?.topic === Topics.identityEvents;
  if (!ownsIdentity && !options.bus)
    throw new Error(
      `${definition.name}: authentication needs the bus, to learn principals and tokens from ${Topics.identityEvents}`,
    );
  // One cache per started service (this call): its middleware reads it, its identity feed empties it.
  let cache: TokenCache | undefined;
  const tokenCacheOf = (host: ServiceHost): TokenCache =>
    (cache ??= new TokenCache((tokenId) => findToken(host.db, tokenId), host.metadata.clock));
  const authenticated: ServiceDefinition<Context, Config> = {
    ...definition,
    migrations: [...definition.migrations, IDENTITY_READ_MODEL_MIGRATION, SECURITY_LOG_MIGRATION],
    http: {
      ...definition.http,
      prepare(app, context, host) {
        app.use(
          authenticate({
            lookup: tokenCacheOf(host).find,
            clock: host.metadata.clock,
            metrics: host.metrics,
            oidc: options.oidc && new OidcVerifier(options.oidc, host.metadata.clock),
          }),
        );
        definition.http.prepare?.(app, context, host);
      },
    },
  };
  if (ownsIdentity) {
    // The identity service's read model follows its own log: each change it applies empties the cache.
    const forgettingTokens: Projection = {
      ...identityReadModel,
      async apply(tx, event) {
        await identityReadModel.apply(tx, event);
        cache?.forgetAll();
      },
    };
    return { ...authenticated, projections: [...(definition.projections ?? []), forgettingTokens] };
  }
  return {
    ...authenticated,
    inline: [...(definition.inline ?? []), identityReadModel],
    consumers: (context, host) => [
      ...(definition.consumers?.(context, host) ?? []),
      {
        consumer: `${definition.name}.identity-events`,
        topics: [Topics.identityEvents],
        controllers: [identityEventsConsumer(host.db, identityReadModel, () => tokenCacheOf(host).forgetAll())],
      },
    ],
  };
}
