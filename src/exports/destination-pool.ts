import type { DestinationConnector } from '../connectors/destination';
import type { Connection } from '../entities';
import type { DestinationFactory } from './export-service';

/**
 * One destination per connection per process, so every export and listing to one destination
 * shares its pace (two exports at once stay within the vendor's rate limit together). A
 * connection changed since (credentials, address, settings) gets a new one.
 */
export function pooledDestinations(build: DestinationFactory): DestinationFactory {
  const pool = new Map<string, { stamp: number; destination: DestinationConnector }>();
  return (connection: Connection) => {
    const stamp = connection.updatedAt.getTime();
    const cached = pool.get(connection.id);
    if (cached && cached.stamp === stamp) return cached.destination;
    const destination = build(connection);
    pool.set(connection.id, { stamp, destination });
    return destination;
  };
}
