import { EntityManager } from 'typeorm';
import { deploymentWithEvents } from '../../deployment/getting-deployments/deployment-queries';
import { actualServing, activeRollouts, desiredOrNotFound, desiredServings } from './serving-status.queries';
import { servingDifferences } from './serving-sync.domain';

type On = Pick<EntityManager, 'query'>;

/** The status dashboard: per environment and model, the stable version, the rollout on, the last outcome. */
export async function deploymentStatus(on: On) {
  const desired = await desiredServings(on);
  const rollouts = await activeRollouts(
    on,
    desired.map((d) => d.activeDeploymentId),
  );
  const environments = [...new Set(desired.map((d) => d.environment))];
  return {
    environments: environments.map((environment) => ({
      environment,
      models: desired
        .filter((d) => d.environment === environment)
        .map((d) => {
          const rollout = d.activeDeploymentId ? rollouts.get(d.activeDeploymentId) : undefined;
          return {
            name: d.name,
            stableVersion: d.stableVersion,
            stableSince: d.stableSince,
            replicas: d.replicas,
            rollout: rollout
              ? {
                  deploymentId: rollout.deploymentId,
                  version: rollout.version,
                  strategy: rollout.strategy.kind,
                  phase: rollout.phase,
                  step: rollout.step,
                  weight: rollout.weight,
                }
              : null,
            lastOutcome: d.lastOutcome,
          };
        }),
    })),
  };
}

/** The routing table the deployer set for each model of an environment. */
export async function environmentTraffic(on: On, environment: string) {
  const desired = await desiredServings(on, { environment });
  return {
    environment,
    models: desired.map((d) => ({
      name: d.name,
      traffic: d.traffic,
      stableVersion: d.stableVersion,
      activeDeploymentId: d.activeDeploymentId,
    })),
  };
}

/** Which version serves, since when, by which rollout; desired (the deployer's events) vs actual (serving's). */
export async function servingInfo(on: On, target: { environment: string; name: string }) {
  const desired = await desiredOrNotFound(on, target);
  const actual = await actualServing(on, target);
  const by = desired.stableDeploymentId
    ? (await deploymentWithEvents(on, desired.stableDeploymentId)).deployment
    : null;
  const differences = servingDifferences({ desired, actual });
  return {
    environment: target.environment,
    name: target.name,
    serving:
      desired.stableVersion === null
        ? null
        : {
            version: desired.stableVersion,
            since: desired.stableSince,
            deploymentId: desired.stableDeploymentId,
            trigger: by?.trigger ?? null,
            requestedBy: by?.requestedBy ?? null,
          },
    desired: {
      traffic: desired.traffic,
      replicas: desired.replicas,
      rolloutInProgress: desired.activeDeploymentId,
      lastOutcome: desired.lastOutcome,
    },
    actual,
    inSync: differences.length === 0,
    differences,
  };
}
