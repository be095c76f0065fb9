import { ValidationError } from '@ledger/contracts';
import type {
  DatasetCommandOf,
  DatasetEvent,
  DatasetState,
  LatestDatasetVersion,
  RegisterDatasetData,
} from '../dataset';

/**
 * Each upload is a new immutable version (latest + 1), with one exception: the very bytes, format
 * and description of the latest version again are a retry (a lost response, a re-run job), and
 * answer that version without recording anything. The content of an older version uploaded
 * again is a new version: the dataset moved back, and "latest" must say so.
 */
export function decideRegisterDataset(
  command: DatasetCommandOf<'RegisterDataset'>,
  state: DatasetState,
): DatasetEvent[] {
  const { data } = command;
  if (data.rowCount < 1) throw new ValidationError('body: the dataset has no rows', { name: data.name });
  if (data.columns.length < 1) throw new ValidationError('body: the dataset has no columns', { name: data.name });
  if (state.latest && isRetryOf(state.latest, data)) return [];
  return [{ type: 'DatasetRegistered', data: { ...data, version: (state.latest?.version ?? 0) + 1 } }];
}

const isRetryOf = (latest: LatestDatasetVersion, upload: RegisterDatasetData): boolean =>
  latest.sha256 === upload.sha256 && latest.format === upload.format && latest.description === upload.description;
