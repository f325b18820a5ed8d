import type { SecretBox } from '../common/secret-box';
import type { SourceConnector } from '../connectors/connector';
import type { Connection } from '../entities';

/** Builds the vendor connector of a connection (main.ts passes the real factory). */
export type ConnectorFactory = (
  connection: Pick<Connection, 'provider' | 'baseUrl'> & { settings?: Connection['settings'] },
  credentials: Record<string, string>,
  hooks: { onRateLimited?: (waitMs: number) => void },
) => SourceConnector;

/** Opens a connection's sealed credentials (a JSON object of strings). */
export function openCredentials(
  secrets: SecretBox,
  connection: Pick<Connection, 'credentialsCiphertext'>,
): Record<string, string> {
  return JSON.parse(secrets.open(connection.credentialsCiphertext)) as Record<string, string>;
}
