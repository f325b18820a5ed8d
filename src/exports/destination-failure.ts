import { type AppError, BadInputError, UpstreamUnavailableError } from '../common/errors';
import type { DestinationError } from '../connectors/destination';

/**
 * A destination's refusal as the caller sees it. Vendor answers name the problem in our words;
 * a validation message is passed on (it is about the caller's own input).
 */
export function destinationFailure(
  provider: string,
  error: DestinationError,
  field: string,
): AppError {
  switch (error.kind) {
    case 'unavailable':
      return new UpstreamUnavailableError(`${provider} could not be reached; try again shortly.`);
    case 'auth':
    case 'permission':
      return new UpstreamUnavailableError(
        `${provider} refused the connection's stored credentials; verify the connection.`,
      );
    case 'not_found':
      return new BadInputError(error.message, { field });
    case 'rejected':
      return new BadInputError(`${provider} refused it: ${error.message}`, { field });
    case 'resync_required':
    case 'invalid_response':
      return new UpstreamUnavailableError(`${provider} answered in an unexpected way.`);
  }
}
