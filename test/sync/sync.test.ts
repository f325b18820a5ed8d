import { inject } from 'vitest';
import { syncContract } from './sync-contract';
import { VENDORS } from './vendors';

for (const vendor of VENDORS) syncContract(vendor, () => inject('databaseUrl'));
