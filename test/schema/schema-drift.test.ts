import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../../src/resolvers/schema';

describe('schema.graphql', () => {
  it('matches the schema printed from the code (run `npm run schema:print` after an API change)', async () => {
    const committed = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'schema.graphql'),
      'utf8',
    );
    expect(printAppSchema(await buildAppSchema())).toBe(committed);
  });
});
