import { Feature } from '@ledger/platform';
import type { RegistryContext } from '../registry.context';
import { NativeSearchHttp } from './native/native-search.http';
import { VERSION_SEARCH_INDEXES_MIGRATION, VERSION_STATISTICS_MIGRATION } from '../mlflow/querying/search-indexes';

/** Search over models and versions with MLflow's filter grammar, native views. */
export const searchingFeature: Feature<RegistryContext> = {
  name: 'searching',
  http: [NativeSearchHttp],
  migrations: [VERSION_SEARCH_INDEXES_MIGRATION, VERSION_STATISTICS_MIGRATION],
};
