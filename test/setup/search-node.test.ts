import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNeedsSearchNode } from './search-node';

const root = path.resolve(__dirname, '..', '..');
const vitest = (...args: string[]) => ['node', '/x/node_modules/vitest/vitest.mjs', ...args];

describe('which vitest runs start a search node', () => {
  it('starts one for the whole suite and for any run that may include a searching file', () => {
    expect(runNeedsSearchNode(vitest('run'), root)).toBe(true);
    expect(runNeedsSearchNode(vitest(), root)).toBe(true);
    expect(runNeedsSearchNode(vitest('run', 'test/contract'), root)).toBe(true);
    expect(runNeedsSearchNode(vitest('run', './test/e2e/search-api.test.ts'), root)).toBe(true);
    expect(runNeedsSearchNode(vitest('run', 'test'), root)).toBe(true);
    expect(runNeedsSearchNode(vitest('run', 'src', 'test/contract'), root)).toBe(true);
    // Not a path: a name filter or an option's value; it may match anything.
    expect(runNeedsSearchNode(vitest('run', '-t', 'highlights'), root)).toBe(true);
    expect(runNeedsSearchNode(vitest('run', 'search'), root)).toBe(true);
  });

  it('starts none when every filter is a path outside the searching files', () => {
    expect(runNeedsSearchNode(vitest('run', 'src'), root)).toBe(false);
    expect(runNeedsSearchNode(vitest('run', 'test/setup'), root)).toBe(false);
    expect(runNeedsSearchNode(vitest('run', 'src', 'test/e2e/server.test.ts'), root)).toBe(false);
  });
});
