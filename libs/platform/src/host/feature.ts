import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { Migration, Projection } from '@ledger/eventstore';
import { BusCommandRoute } from '@ledger/messaging';
import type { ServiceHost } from './service-definition';

/**
 * What one feature area of a service (an aggregate and its slices, a query area) brings: its
 * HTTP controllers, the commands it takes from the bus, its read models and tables. A new
 * command touches its slice, its contract and this manifest — nothing else.
 */
export interface Feature<Context> {
  name: string;
  http?: Type<unknown>[];
  bus?: BusCommandRoute<Context>[];
  /** Read models written in the command's transaction (read-your-writes, uniqueness). */
  inline?: Projection[];
  /** Read models projected behind the log. */
  projections?: Projection[];
  /**
   * Projections that act on what they read (hand inputs to workflows, start runs), built from the
   * context and host: they decide at the host's clock. The runner takes them first in each round.
   */
  reacting?(context: Context, host: ServiceHost): Projection[];
  migrations?: Migration[];
}

/** The features of one service, merged: migrations run in the order of their ids (e.g. registry-001, registry-002). */
export function mergeFeatures<Context>(features: Feature<Context>[]) {
  const all = <T>(pick: (f: Feature<Context>) => T[] | undefined): T[] => features.flatMap((f) => pick(f) ?? []);
  const migrations = all((f) => f.migrations).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const duplicate = migrations.find((m, i) => i > 0 && migrations[i - 1].id === m.id);
  if (duplicate) throw new Error(`migration ${duplicate.id} is declared twice`);
  return {
    http: all((f) => f.http),
    bus: all((f) => f.bus),
    inline: all((f) => f.inline),
    projections: all((f) => f.projections),
    reacting: (context: Context, host: ServiceHost) => features.flatMap((f) => f.reacting?.(context, host) ?? []),
    migrations,
  };
}

/**
 * One Nest module holding every feature's controllers, with the providers the slices inject
 * (exported, so the host's bus consumers can inject them too).
 */
export function featuresModule<Context>(
  name: string,
  features: Feature<Context>[],
  providers: Provider[],
): DynamicModule {
  const module = class {};
  Object.defineProperty(module, 'name', { value: `${name[0].toUpperCase()}${name.slice(1)}Features` });
  Module({})(module);
  return {
    module,
    controllers: mergeFeatures(features).http,
    providers,
    exports: providers.map((p) => ('provide' in p ? p.provide : p)),
  };
}
