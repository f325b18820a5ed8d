import { assertNever } from '../common/errors';
import type { Provider } from '../entities/provider';
import { AshbyNoteWriter } from './ashby/ashby.notes';
import type { DestinationOptions } from './destination';
import { GreenhouseNoteWriter } from './greenhouse/greenhouse.notes';
import type { NoteWriter } from './notes';
import { SmartRecruitersNoteWriter } from './smartrecruiters/smartrecruiters.notes';

/**
 * What a note writer needs: the connection's base URL (null: the vendor's own), its credentials
 * (`apiKey` for Ashby; `smartToken` or `clientId`/`clientSecret` for SmartRecruiters;
 * `clientId`/`clientSecret`/`userId` for Greenhouse), and an optional listener told about every
 * wait the vendor's rate limit causes.
 */
export type NoteWriterOptions = Pick<
  DestinationOptions,
  'baseUrl' | 'credentials' | 'onRateLimited'
>;

/**
 * The one place a provider name becomes a note writer (API.md `addNote`). Null for SourceWhale:
 * an outreach tool, not an ATS, so there is no candidate record to write a note on.
 */
export function createNoteWriter(
  provider: Provider,
  options: NoteWriterOptions,
): NoteWriter | null {
  switch (provider) {
    case 'ASHBY':
      return new AshbyNoteWriter(options);
    case 'GREENHOUSE':
      return new GreenhouseNoteWriter(options);
    case 'SMARTRECRUITERS':
      return new SmartRecruitersNoteWriter(options);
    case 'SOURCEWHALE':
      return null;
    default:
      return assertNever(provider, 'provider');
  }
}
