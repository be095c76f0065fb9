import { EntityManager } from 'typeorm';
import { PIPELINE_RUN_ENDINGS } from '@ledger/contracts';
import { Clock, Projection } from '@ledger/eventstore';
import { registryKnowledge, versionRegistrants } from '@ledger/registry-knowledge';
import { aliasSetByAnyone, setAliasStepStarted, stepStopsWaiting } from './alias-waits';
import { CommandDeadLettered } from './dead-letters';
import { ROUTER_TABLES } from './router.tables';
import { commandDeadLettered, deploymentEnded, deploymentRequested, registryOutcome } from './routing-outcomes';
import { RUN_SLOT_EVENTS, runSlotEvent } from './run-slots.projection';
import { RoutedEvent } from './routed-input';
import { startOnTrigger } from './starting-on-triggers';
import { checkCompleted, validationStarted, verdictGiven } from './verdicts';

type Route = (tx: EntityManager, event: RoutedEvent) => Promise<void>;

const both =
  (...routes: Route[]): Route =>
  async (tx, event) => {
    for (const route of routes) await route(tx, event);
  };

const slotsAnd = (route: Route): Route => both(runSlotEvent, route);

/** What each event of the orchestrator's log (its inbox and its runs' own events) means to the runs. */
const ROUTES: Record<string, Route> = {
  VersionCreated: startOnTrigger,
  // A change our run caused is its step's outcome (an alias set by anyone, too, for a step waiting on
  // it: the registry says nothing when it already points there); it may also trigger another pipeline.
  AliasSet: both(registryOutcome, aliasSetByAnyone, startOnTrigger),
  VersionStageTransitioned: both(registryOutcome, startOnTrigger),
  AliasDeleted: registryOutcome,
  ValidationStarted: validationStarted,
  ValidationCheckCompleted: checkCompleted,
  ValidationPassed: verdictGiven,
  ValidationFailed: verdictGiven,
  DeploymentRequested: deploymentRequested,
  DeploymentSucceeded: deploymentEnded,
  DeploymentRolledBack: deploymentEnded,
  DeploymentAborted: deploymentEnded,
  [CommandDeadLettered.type]: commandDeadLettered,
  ...Object.fromEntries(RUN_SLOT_EVENTS.map((type) => [type, runSlotEvent])),
  // The run events that also start or end a set-alias step's wait.
  PipelineStepStarted: slotsAnd(setAliasStepStarted),
  PipelineStepSkipped: slotsAnd(stepStopsWaiting),
  PipelineStepSucceeded: stepStopsWaiting,
  PipelineStepFailed: stepStopsWaiting,
  ...Object.fromEntries(PIPELINE_RUN_ENDINGS.map((type) => [type, slotsAnd(stepStopsWaiting)])),
};

/**
 * The router: the registry knowledge (and who registered each version), and after each event is
 * applied, in the same transaction and under the same checkpoint, the inputs it means for runs,
 * decided at the clock's time. A run sees the registry exactly as it stood at the event, and every
 * input's commandId derives from the event, so a redelivery or a rebuild decides nothing twice.
 */
export const routerProjection = (clock: Clock): Projection => ({
  name: 'orchestrator-router',
  handles: [...new Set([...registryKnowledge.handles, ...versionRegistrants.handles, ...Object.keys(ROUTES)])],
  async apply(tx, event) {
    if (registryKnowledge.handles.includes(event.type)) await registryKnowledge.apply(tx, event);
    if (versionRegistrants.handles.includes(event.type)) await versionRegistrants.apply(tx, event);
    await ROUTES[event.type]?.(tx, { ...event, routedAt: clock.now().toISOString() });
  },
  async reset(tx) {
    await registryKnowledge.reset(tx);
    await versionRegistrants.reset(tx);
    for (const table of ROUTER_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
  // Runs decide inside apply(): their commands and timers must not wait for the outbox's next poll.
  appends: true,
});
