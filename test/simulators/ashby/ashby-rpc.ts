/**
 * What Ashby route handlers share: the simulator's state, and `rpc()`, which turns a zod body
 * schema plus a handler into a route that answers malformed input with Ashby's `invalid_input`.
 */
import type { z } from 'zod';
import type { SimulatorClock } from '../common/clock';
import type { DatasetMutator } from '../common/dataset-mutator';
import { parseJsonBody, type SimResponse } from '../common/http-server';
import type { IdRegistry } from '../common/id-registry';
import type { NoteStore } from '../common/note-store';
import type { RouteContext, RouteSpec } from '../common/request-pipeline';
import type { UrlSigner } from '../common/signed-url';
import type { Dataset } from '../generator';
import type { AshbyPermission, AshbyPrincipal } from './ashby-api-keys';
import { ashbyFailure } from './ashby-envelope';
import type { ListSettings } from './ashby-pagination';
import type { AshbySerializer } from './ashby-serializers';
import type { AshbyWebhooks } from './ashby-webhooks';

export interface AshbyContext {
  dataset: Dataset;
  ids: IdRegistry<string>;
  serializer: AshbySerializer;
  mutator: DatasetMutator;
  clock: SimulatorClock;
  listSettings: ListSettings;
  notes: NoteStore;
  webhooks: AshbyWebhooks;
  /** Tags created through `candidateTag.create`, beyond the generated ones. */
  extraTags: Set<string>;
  files: {
    signer: UrlSigner;
    /** How long a `file.info` URL stays valid. */
    ttlMs: number;
    baseUrl: () => string;
  };
}

export type AshbyRoute = RouteSpec<AshbyPrincipal>;

export function rpc<S extends z.ZodType>(
  permission: AshbyPermission,
  schema: S,
  handler: (body: z.infer<S>, ctx: RouteContext<AshbyPrincipal>) => SimResponse,
): AshbyRoute {
  return {
    permission,
    handle: (ctx) => {
      const raw = parseJsonBody(ctx.req);
      if (raw instanceof SyntaxError)
        return ashbyFailure('invalid_input', `Request body is not JSON: ${raw.message}`);
      const parsed = schema.safeParse(raw ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ');
        return ashbyFailure('invalid_input', detail);
      }
      return handler(parsed.data, ctx);
    },
  };
}
