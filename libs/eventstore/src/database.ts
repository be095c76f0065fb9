import { DataSource, DataSourceOptions } from 'typeorm';
import { ensureDatabase } from './ensure-database';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  entities?: DataSourceOptions['entities'];
}

export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const db = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 20, idleTimeoutMillis: 30_000 },
  });
  await db.initialize();
  return db;
}
