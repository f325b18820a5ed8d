import { BadInputError } from '../../common/errors';

/**
 * A malformed search query. Extends BadInputError so the GraphQL layer reports it as
 * `BAD_USER_INPUT` with `{ field: 'query', position }`; messages are written for recruiters.
 */
export class QuerySyntaxError extends BadInputError {
  constructor(
    message: string,
    /** UTF-16 offset into the query where the problem is. */
    readonly position: number,
  ) {
    super(message, { field: 'query', position });
    this.name = 'QuerySyntaxError';
  }
}
