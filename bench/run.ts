/**
 * npm run bench [-- NAME ...]: runs the named benchmarks (all when none is named) and writes
 * their figures to BENCHMARKS.md. With CI set, sizes are small.
 */
import 'reflect-metadata';
import { runMemoryMasksBench } from './search/memory-masks.bench';
import { runSearchBench } from './search/search.bench';
import { runStartupBench } from './startup.bench';
import { runSyncBench } from './sync/sync.bench';
import { runExportBench } from './exports/export.bench';
import { runTriggersBench } from './triggers/triggers.bench';
import { runWorkbookBench } from './workbook/workbook.bench';
import { runMatchingBench } from './matching/matching.bench';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  startup: runStartupBench,
  search: runSearchBench,
  facets: runMemoryMasksBench,
  sync: runSyncBench,
  export: runExportBench,
  triggers: runTriggersBench,
  workbook: runWorkbookBench,
  matching: runMatchingBench,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench)
      throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    console.log(`\n== ${name} ==`);
    await bench();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
