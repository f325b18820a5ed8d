import { IsNull, type DataSource } from 'typeorm';
import { BadInputError } from '../../common/errors';
import { err, ok, type Result } from '../../common/result';
import type { Tenant } from '../../common/tenant';
import { ApiKey, Organization } from '../../entities';
import { parseQuery } from '../../search/query';
import type { SearchService } from '../../search/search-service';
import type { InsightDimension, SearchFilter } from '../../search/search-types';
import { loadFilterLabels } from './filter-labels';
import { describeFilter } from './filter-lines';
import {
  decodeWorkbookLink,
  encodeWorkbookLink,
  MAX_TOKEN_LENGTH,
  type LinkRejection,
} from './workbook-link';
import { dimensionSheets, type WorkbookModel } from './workbook-model';

/** The purpose `SecretBox.deriveKey` is given for the key that signs workbook links. */
export const WORKBOOK_LINK_KEY_PURPOSE = 'insights-workbook-link/v1';

/** Where `GET` serves a workbook; the signed token travels as `?token=`, kept out of logs. */
export const WORKBOOK_ROUTE = '/exports/insights-workbook';

export interface InsightsWorkbookOptions {
  dataSource: DataSource;
  search: SearchService;
  /** Signs and checks links: `secrets.deriveKey(WORKBOOK_LINK_KEY_PURPOSE)`. */
  linkKey: Buffer;
  /** PUBLIC_URL without a trailing slash: links are absolute. */
  publicUrl: string;
  /** How long a link works (WORKBOOK_LINK_TTL_SECONDS, default 900). */
  linkTtlSeconds: number;
  clock?: () => Date;
}

/** What the mutation answers (API.md `InsightsFile`). */
export interface InsightsFile {
  url: string;
  expiresAt: Date;
  dimensions: InsightDimension[];
}

export interface InsightsWorkbookInput {
  query: string | null;
  filter: SearchFilter;
  dimensions: InsightDimension[];
  size: number;
}

/** Why a link opens nothing; the HTTP answer is the same 403 for all of them. */
export type WorkbookRejection = LinkRejection | 'revoked';

/**
 * Insights workbooks: hands out signed links to a request's insights and, when one is
 * followed, computes the workbook's content at that moment. Nothing is stored in between: the
 * token carries the request, so any API process can serve it and an expired link costs nothing.
 */
export class InsightsWorkbookService {
  private readonly clock: () => Date;

  constructor(private readonly options: InsightsWorkbookOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Validates the request as `insights` does, then signs it into a link. */
  createLink(tenant: Tenant, input: InsightsWorkbookInput): InsightsFile {
    const dimensions = [...new Set(input.dimensions)];
    if (dimensions.length === 0)
      throw new BadInputError('give at least one dimension', { field: 'dimensions' });
    if (!Number.isInteger(input.size) || input.size < 1 || input.size > 1000)
      throw new BadInputError('size must be between 1 and 1000', { field: 'size' });
    // Parsed now for its errors (QuerySyntaxError names the field and position); the GET
    // parses the same text again.
    const query = input.query?.trim() ? input.query : null;
    if (query) parseQuery(query);

    const expiresAt = new Date(this.clock().getTime() + this.options.linkTtlSeconds * 1000);
    const token = encodeWorkbookLink(
      {
        organizationId: tenant.organizationId,
        apiKeyId: tenant.apiKeyId,
        query,
        filter: input.filter,
        dimensions,
        size: input.size,
        expiresAt,
      },
      this.options.linkKey,
    );
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new BadInputError(
        'the filter is too large for a workbook link; narrow it (fewer or shorter values)',
        { field: 'filter' },
      );
    }
    return {
      url: `${this.options.publicUrl}${WORKBOOK_ROUTE}?token=${token}`,
      expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000),
      dimensions,
    };
  }

  /**
   * The workbook a token stands for, computed now, or why not: a bad or expired token, or a key
   * revoked (or an organization gone) since the link was made.
   */
  async open(token: string): Promise<Result<WorkbookModel, WorkbookRejection>> {
    const now = this.clock();
    const decoded = decodeWorkbookLink(token, this.options.linkKey, now);
    if (!decoded.ok) return err(decoded.error);
    const request = decoded.value;
    const { manager } = this.options.dataSource;
    const [key, organization] = await Promise.all([
      manager.findOne(ApiKey, {
        where: {
          id: request.apiKeyId,
          organizationId: request.organizationId,
          revokedAt: IsNull(),
        },
        select: { id: true },
      }),
      manager.findOne(Organization, {
        where: { id: request.organizationId },
        select: { id: true, name: true },
      }),
    ]);
    if (!key || !organization) return err('revoked');

    const { search } = this.options;
    const [breakdowns, page, labels] = await Promise.all([
      search.insights(request.organizationId, request),
      search.search(request.organizationId, {
        query: request.query,
        filter: request.filter,
        first: 1,
        facets: [],
      }),
      loadFilterLabels(manager, request.organizationId, request.filter),
    ]);
    // Sheets follow the order the caller named the dimensions in, whatever the engine's order.
    const order = (b: { dimension: InsightDimension }): number =>
      request.dimensions.indexOf(b.dimension);
    breakdowns.sort((a, b) => order(a) - order(b));
    return ok({
      organizationName: organization.name,
      generatedAt: now,
      query: request.query,
      filters: describeFilter(request.filter, labels),
      totalCount: page.totalCount,
      sheets: dimensionSheets(breakdowns),
    });
  }
}
