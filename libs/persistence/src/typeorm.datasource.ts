import { loadDatabaseConfig } from '@docket/config';
import { createDataSource } from './data-source';

/** For the TypeORM CLI: `npx typeorm migration:generate -d libs/persistence/dist/typeorm.datasource.js`. */
export default createDataSource({ url: loadDatabaseConfig(process.env).url, applicationName: 'docket-typeorm-cli' });
