const TRAFFIC = {
  routes: [
    { version: 3, weight: 90 },
    { version: 4, weight: 10 },
  ],
};
const DEPLOYMENT_ID = 'deploy:production:churn:0193a4d2-…';

export const STATUS_EXAMPLE = {
  environments: [
    {
      environment: 'production',
      models: [
        {
          name: 'churn',
          stableVersion: 3,
          stableSince: '2026-12-01T09:00:00.000Z',
          replicas: 3,
          rollout: {
            deploymentId: DEPLOYMENT_ID,
            version: 4,
            strategy: 'canary',
            phase: 'progressing',
            step: 0,
            weight: 10,
          },
          lastOutcome: {
            outcome: 'succeeded',
            deploymentId: 'deploy:production:churn:0193…',
            at: '2026-12-01T09:00:00.000Z',
          },
        },
      ],
    },
  ],
};

export const TRAFFIC_EXAMPLE = {
  environment: 'production',
  models: [{ name: 'churn', traffic: TRAFFIC, stableVersion: 3, activeDeploymentId: DEPLOYMENT_ID }],
};

export const INFO_EXAMPLE = {
  environment: 'production',
  name: 'churn',
  serving: {
    version: 3,
    since: '2026-12-01T09:00:00.000Z',
    deploymentId: 'deploy:production:churn:0193…',
    trigger: { kind: 'alias', causedBy: '0193a0…' },
    requestedBy: 'deployer',
  },
  desired: { traffic: TRAFFIC, replicas: 3, rolloutInProgress: DEPLOYMENT_ID, lastOutcome: null },
  actual: {
    traffic: TRAFFIC,
    trafficSince: '2026-12-04T12:00:05.000Z',
    versions: [
      { version: 3, state: 'ready', replicas: 3, reason: null, since: '2026-12-01T08:59:58.000Z' },
      { version: 4, state: 'ready', replicas: 3, reason: null, since: '2026-12-04T12:00:03.000Z' },
    ],
  },
  inSync: true,
  differences: [],
};
