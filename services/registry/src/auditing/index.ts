import { Feature } from '@ledger/platform';
import type { RegistryContext } from '../registry.context';
import { MODEL_NAME_HISTORY_MIGRATION, modelNameHistoryProjection } from './model-name-history.projection';
import { AuditTimelineHttp } from './reading-timeline/audit-timeline.http';
import { POINT_IN_TIME_INDEXES_MIGRATION } from '../point-in-time/reading-as-of/history-events';

/** The audit timeline, and the indexes point-in-time reads (`?asOf=` on the GET slices) use. */
export const auditingFeature: Feature<RegistryContext> = {
  name: 'auditing',
  http: [AuditTimelineHttp],
  inline: [modelNameHistoryProjection],
  migrations: [MODEL_NAME_HISTORY_MIGRATION, POINT_IN_TIME_INDEXES_MIGRATION],
};
