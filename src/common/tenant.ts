/** Who is calling: every read and write is scoped to `organizationId`. */
export interface Tenant {
  organizationId: string;
  userId: string;
  userEmail: string;
  apiKeyId: string;
}
