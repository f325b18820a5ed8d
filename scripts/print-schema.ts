/** Writes schema.graphql from the code (npm run schema:print). The drift test compares the two. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../src/resolvers/schema';

void buildAppSchema().then((schema) => {
  fs.writeFileSync(path.resolve(__dirname, '..', 'schema.graphql'), printAppSchema(schema));
  console.log('schema.graphql written');
});
