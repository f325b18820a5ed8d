import { assertNever } from '../common/errors';
import type { Provider } from '../entities/provider';
import { AshbyConnector } from './ashby/ashby.connector';
import type { SourceConnector } from './connector';
import { GreenhouseConnector } from './greenhouse/greenhouse.connector';
import { SmartRecruitersConnector } from './smartrecruiters/smartrecruiters.connector';
import { SourceWhaleConnector } from './sourcewhale/sourcewhale.connector';

export interface ConnectorSpec {
  provider: Provider;
  baseUrl: string | null;
  credentials: Record<string, string>;
  /** Overrides the default pace where the connector paces by a fixed rate (Ashby, SmartRecruiters). */
  requestsPerSecond?: number;
  onRateLimited?: (waitMs: number) => void;
}

/** The one place a provider name becomes a vendor connector. */
export function createConnector(spec: ConnectorSpec): SourceConnector {
  const { baseUrl, credentials, onRateLimited } = spec;
  switch (spec.provider) {
    case 'ASHBY':
      return new AshbyConnector({
        baseUrl,
        credentials: {
          apiKey: credentials['apiKey'] ?? '',
          webhookSecret: credentials['webhookSecret'],
        },
        onRateLimited,
        ...(spec.requestsPerSecond ? { requestsPerSecond: spec.requestsPerSecond } : {}),
      });
    case 'GREENHOUSE':
      return new GreenhouseConnector({
        baseUrl,
        credentials: {
          clientId: credentials['clientId'] ?? '',
          clientSecret: credentials['clientSecret'] ?? '',
          userId: credentials['userId'] ?? '',
          webhookSecret: credentials['webhookSecret'],
        },
        onRateLimited,
      });
    case 'SMARTRECRUITERS':
      return new SmartRecruitersConnector({
        baseUrl,
        credentials: {
          smartToken: credentials['smartToken'],
          clientId: credentials['clientId'],
          clientSecret: credentials['clientSecret'],
          webhookSecret: credentials['webhookSecret'],
        },
        onRateLimited,
        ...(spec.requestsPerSecond
          ? {
              pacing: {
                maxConcurrency: 8,
                rate: {
                  requests: 1,
                  perMs: Math.max(1, Math.floor(1000 / spec.requestsPerSecond)),
                },
              },
            }
          : {}),
      });
    case 'SOURCEWHALE':
      return new SourceWhaleConnector({
        baseUrl,
        credentials: { apiKey: credentials['apiKey'] ?? '', userEmail: credentials['userEmail'] },
        onRateLimited,
      });
    default:
      return assertNever(spec.provider, 'provider');
  }
}
