import { assertNever } from '../common/errors';
import type { Provider } from '../entities/provider';
import { AshbyDestination } from './ashby/ashby.destination';
import type { DestinationConnector, DestinationOptions } from './destination';
import { GreenhouseDestination } from './greenhouse/greenhouse.destination';
import { SmartRecruitersDestination } from './smartrecruiters/smartrecruiters.destination';
import { SourceWhaleDestination } from './sourcewhale/sourcewhale.destination';

/** The one place a provider name becomes a destination (the export side of a vendor). */
export function createDestination(
  provider: Provider,
  options: DestinationOptions,
): DestinationConnector {
  switch (provider) {
    case 'ASHBY':
      return new AshbyDestination(options);
    case 'GREENHOUSE':
      return new GreenhouseDestination(options);
    case 'SMARTRECRUITERS':
      return new SmartRecruitersDestination(options);
    case 'SOURCEWHALE':
      return new SourceWhaleDestination(options);
    default:
      return assertNever(provider, 'provider');
  }
}

/** The vendor fields an export may write to this provider (fieldMapping targets are checked against them). */
export function destinationFields(provider: Provider): readonly string[] {
  // Building a destination makes no call: its field list is static.
  return createDestination(provider, { baseUrl: null, credentials: {} }).fields;
}
