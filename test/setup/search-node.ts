import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@elastic/elasticsearch';

/** A search node this test run started, and how to stop it. */
export interface StartedSearchNode {
  url: string;
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(__dirname, '../../scripts/search-node.sh');
/** scripts/search-node.sh's status when there is no Java to run a node with. */
const NO_JAVA = 3;

/**
 * Starts a real Elasticsearch node for this run with scripts/search-node.sh (fetched with Maven
 * on first use). Undefined when the machine has no Java. The script runs in its `run` mode
 * around a command that waits for its stdin to close: when this process ends, however it ends,
 * the pipe closes and the script stops the node and deletes its data.
 */
export async function startSearchNode(): Promise<StartedSearchNode | undefined> {
  const child = spawn(
    'bash',
    [SCRIPT, 'run', 'sh', '-c', 'echo "$ELASTICSEARCH_URL" && exec cat >/dev/null'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const errors: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const firstLine = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const started = await Promise.race([firstLine, exited]);
  if (typeof started === 'string') {
    return {
      url: started.trim(),
      stop: async () => {
        child.stdin.end();
        await exited;
      },
    };
  }
  const [code] = started;
  if (code === NO_JAVA) return undefined;
  throw new Error(
    `scripts/search-node.sh could not start a node (exit ${code}):\n${errors.join('\n')}`,
  );
}

/** The test files that search a node: the contract suites and the e2e search tests. */
const SEARCHING_FILES = [
  'test/contract/search-engines.test.ts',
  'test/contract/elasticsearch-engine.test.ts',
  'test/e2e/search-api.test.ts',
  'test/e2e/search-facets.test.ts',
  'test/e2e/custom-field-facets.test.ts',
  'test/e2e/api-and-worker-processes.test.ts',
];

/**
 * Whether a vitest command line can run a file that needs the node. No only when every argument
 * after the command is a path of this repository (a file filter) and none of them is part of
 * one of those files' paths (vitest's rule for filters): `vitest run src` or `vitest run
 * test/sync` starts no JVM for nothing. Anything else (no filter, a name filter, an option
 * value) counts as yes.
 */
export function runNeedsSearchNode(argv: readonly string[], root: string): boolean {
  const command = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'dev');
  if (command < 0) return true;
  const filters = argv.slice(command + 1).filter((a) => !a.startsWith('-'));
  if (filters.length === 0) return true;
  return filters.some((filter) => {
    const relative = path.relative(root, path.resolve(root, filter));
    const isPath = !relative.startsWith('..') && existsSync(path.join(root, relative));
    return !isPath || SEARCHING_FILES.some((file) => file.includes(relative));
  });
}

/**
 * Deletes every index whose name starts with `${prefix}-` (by name: the node may refuse
 * wildcard deletes). Tests name their indices under a prefix of their own.
 */
export async function dropIndices(url: string, prefix: string): Promise<void> {
  const client = new Client({ node: url });
  try {
    const found = await client.indices.get({ index: `${prefix}-*`, expand_wildcards: 'all' });
    const names = Object.keys(found);
    if (names.length > 0) await client.indices.delete({ index: names });
  } finally {
    await client.close();
  }
}
