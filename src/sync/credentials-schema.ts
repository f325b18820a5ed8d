import { z } from 'zod';
import type { Provider } from '../entities/provider';

const secret = z.string().trim().min(1).max(500);

/**
 * The credentials each provider takes (MISSION.md capability 1). `webhookSecret` is the secret
 * the admin typed when creating the webhook in the vendor's UI (Ashby, Greenhouse); for
 * SmartRecruiters it is obtained from the vendor when its webhooks are created.
 */
export const CREDENTIALS_SCHEMAS: Record<Provider, z.ZodType<Record<string, string>>> = {
  ASHBY: z.object({ apiKey: secret, webhookSecret: secret.optional() }).strict(),
  GREENHOUSE: z
    .object({
      clientId: secret,
      clientSecret: secret,
      userId: secret,
      webhookSecret: secret.optional(),
    })
    .strict(),
  // webhookSecret is obtained from SmartRecruiters when its webhooks are created, then stored here.
  SMARTRECRUITERS: z.union([
    z.object({ smartToken: secret, webhookSecret: secret.optional() }).strict(),
    z.object({ clientId: secret, clientSecret: secret, webhookSecret: secret.optional() }).strict(),
  ]),
  SOURCEWHALE: z.object({ apiKey: secret, userEmail: z.email().optional() }).strict(),
};
