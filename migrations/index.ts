import { Initial1795459246760 } from './1795459246760-initial';
import type { MigrationInterface } from 'typeorm';
import { SearchTables1795462000000 } from './1795462000000-search-tables';

/** Every migration, oldest first. `npm run migration:generate -- Name` appends here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795459246760,
  SearchTables1795462000000,
];
