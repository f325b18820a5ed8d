import { fork } from 'node:child_process';
import path from 'node:path';
import { OramaOutcome, type OramaJob } from './orama-protocol';

type OramaResult = Extract<OramaOutcome, { type: 'done' }>;

/**
 * Runs the Orama peer in its own Node process with `heapMb` of V8 heap (see orama-child.ts) and
 * resolves to what it measured. Its progress lines go to this process's output.
 */
export function runOramaPeer(job: OramaJob, heapMb: number): Promise<OramaResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'orama-child.ts'), [JSON.stringify(job)], {
      execArgv: ['-r', '@swc-node/register', `--max-old-space-size=${heapMb}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: OramaOutcome | null = null;
    child.on('message', (message: unknown) => {
      const parsed = OramaOutcome.safeParse(message);
      outcome = parsed.success
        ? parsed.data
        : { type: 'failed', message: `unreadable answer: ${parsed.error.message}` };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (outcome?.type === 'done') resolve(outcome);
      else if (outcome?.type === 'failed')
        reject(new Error(`Orama peer failed: ${outcome.message}`));
      else
        reject(
          new Error(
            `Orama process exited (code ${code}, signal ${signal}) without an answer; out of heap? Raise SEARCH_BENCH_ORAMA_HEAP_MB or lower the fraction.`,
          ),
        );
    });
  });
}
