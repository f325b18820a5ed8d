import { Field, ObjectType } from 'type-graphql';
import type { InsightDimension } from '../search/search-types';
import { InsightDimensionEnum } from './search-enums';

@ObjectType('InsightsFile', {
  description:
    'A link to an .xlsx of insights: a summary sheet, then a sheet and chart per dimension.',
})
export class InsightsFileType {
  @Field(() => String, {
    description:
      'Absolute (PUBLIC_URL). GET it without an API key before expiresAt; it is signed, so treat it as a secret.',
  })
  url!: string;

  @Field(() => Date, { description: 'After this the link answers 403; ask for a new one.' })
  expiresAt!: Date;

  @Field(() => [InsightDimensionEnum], {
    description: 'The sheets after the summary, in order (duplicates removed).',
  })
  dimensions!: InsightDimension[];
}
