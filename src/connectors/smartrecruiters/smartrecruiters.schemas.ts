import { z } from 'zod';

/**
 * SmartRecruiters payloads (ATS-APIS.md §3.4–3.9), as loose objects: unknown fields pass through
 * into `raw`, missing optional ones are tolerated, and a record whose known fields have the
 * wrong type fails here and is reported as skipped instead of being half-imported.
 */

/** SR ids are strings (UUIDs, or words such as source type ids). */
export const srId = z.string().min(1).max(256);

const text = z.string().nullish();

const labelled = z.looseObject({ id: srId, label: text });
export type SrLabelled = z.infer<typeof labelled>;

/** The list wrapper `{limit, offset, nextPageId?, totalFound, content[]}`; rows parsed one by one. */
export const srListSchema = z.looseObject({
  content: z.array(z.unknown()),
  nextPageId: z.string().nullish(),
  totalFound: z.number().nullish(),
  offset: z.number().nullish(),
  limit: z.number().nullish(),
});
export type SrList = z.infer<typeof srListSchema>;

export const srLocationSchema = z.looseObject({
  country: text,
  countryCode: text,
  region: text,
  regionCode: text,
  city: text,
  remote: z.boolean().nullish(),
});
export type SrLocation = z.infer<typeof srLocationSchema>;

/** Education/experience dates: strings in practice, `When` objects in some specs (UNCONFIRMED). */
const when = z
  .union([
    z.string(),
    z.looseObject({
      year: z.union([z.string(), z.number()]).nullish(),
      month: z.union([z.string(), z.number()]).nullish(),
    }),
  ])
  .nullish();
export type SrWhen = z.infer<typeof when>;

const sourceRef = z.looseObject({
  sourceTypeId: text,
  sourceSubTypeId: text,
  sourceId: text,
});

/** An application: the assignment of a candidate to a job (summary or detailed form). */
export const srAssignmentSchema = z.looseObject({
  job: z.looseObject({ id: srId, title: text }).nullish(),
  status: z.string().min(1),
  subStatus: text,
  startsOn: text,
  source: sourceRef.nullish(),
  reasonOfRejection: labelled.nullish(),
  reasonOfWithdrawal: labelled.nullish(),
  createdOn: text,
  lastUpdatedOn: text,
});
export type SrAssignment = z.infer<typeof srAssignmentSchema>;

/** GET /candidates content[]. */
export const srCandidateSummarySchema = z.looseObject({
  id: srId,
  firstName: text,
  lastName: text,
  email: text,
  createdOn: text,
  updatedOn: text,
  location: srLocationSchema.nullish(),
  tags: z.array(z.string()).nullish(),
  primaryAssignment: srAssignmentSchema.nullish(),
  secondaryAssignments: z.array(srAssignmentSchema.nullable()).nullish(),
});
export type SrCandidateSummary = z.infer<typeof srCandidateSummarySchema>;

const experience = z.looseObject({
  title: text,
  company: text,
  current: z.boolean().nullish(),
  startDate: when,
  endDate: when,
  location: text,
  description: text,
});
export type SrExperience = z.infer<typeof experience>;

const education = z.looseObject({
  institution: text,
  degree: text,
  major: text,
  current: z.boolean().nullish(),
  startDate: when,
  endDate: when,
});
export type SrEducation = z.infer<typeof education>;

/** GET /candidates/{id}: the summary plus contact details, history and detailed assignments. */
export const srCandidateDetailsSchema = srCandidateSummarySchema.extend({
  phoneNumber: text,
  web: z
    .looseObject({
      skype: text,
      linkedin: text,
      facebook: text,
      twitter: text,
      website: text,
    })
    .nullish(),
  experience: z.array(experience).nullish(),
  education: z.array(education).nullish(),
});
export type SrCandidateDetails = z.infer<typeof srCandidateDetailsSchema>;

/** GET /candidates/{id}/attachments content[]. */
export const srAttachmentSchema = z.looseObject({
  id: srId,
  name: text,
  type: text,
  contentType: text,
});
export type SrAttachment = z.infer<typeof srAttachmentSchema>;

/** GET /candidates/{id}/properties content[] (custom fields; value shape UNCONFIRMED). */
export const srPropertySchema = z.looseObject({
  id: srId,
  label: text,
  type: text,
  value: z.unknown(),
});
export type SrProperty = z.infer<typeof srPropertySchema>;

/** GET /jobs content[]. */
export const srJobSchema = z.looseObject({
  id: srId,
  title: z.string(),
  refNumber: text,
  createdOn: text,
  updatedOn: text,
  department: labelled.nullish(),
  location: srLocationSchema.nullish(),
  status: text,
  postingStatus: text,
});
export type SrJob = z.infer<typeof srJobSchema>;

/** GET /jobs/{id}/hiring-team content[]. */
export const srHiringTeamMemberSchema = z.looseObject({ id: srId, role: text });

/** user-api v201804 users. */
export const srUserSchema = z.looseObject({
  id: srId,
  email: text,
  firstName: text,
  lastName: text,
  systemRole: z.looseObject({ id: text, name: text }).nullish(),
  active: z.boolean().nullish(),
  updatedOn: text,
});
export type SrUser = z.infer<typeof srUserSchema>;

/** GET /configuration/sources content[]: source types. */
export const srSourceTypeSchema = z.looseObject({ id: srId, label: text });
export type SrSourceType = z.infer<typeof srSourceTypeSchema>;

/** GET /configuration/sources/{type}/values content[]. */
export const srSourceValueSchema = z.looseObject({ id: srId, label: z.string() });
export type SrSourceValue = z.infer<typeof srSourceValueSchema>;

/** Rejection and withdrawal reasons. */
export const srReasonSchema = z.looseObject({ id: srId, label: z.string() });
export type SrReason = z.infer<typeof srReasonSchema>;

/** GET /configuration/hiring-processes (list items may lack the sub-statuses: then GET by id). */
export const srHiringProcessSchema = z.looseObject({
  id: srId,
  name: text,
  active: z.boolean().nullish(),
  subStatuses: z
    .looseObject({
      inReview: z.array(z.string()).nullish(),
      interview: z.array(z.string()).nullish(),
      offered: z.array(z.string()).nullish(),
    })
    .nullish(),
});
export type SrHiringProcess = z.infer<typeof srHiringProcessSchema>;

/** Error bodies: `{message, errors[{code, message}]}`, OAuth `{error, error_description}`. */
export const srErrorSchema = z.looseObject({
  message: z.string().nullish(),
  errors: z.array(z.looseObject({ code: text, message: text })).nullish(),
  error: z.string().nullish(),
  error_description: z.string().nullish(),
});

/** webhooks-api v201907 subscription. */
export const srSubscriptionSchema = z.looseObject({
  id: srId,
  callbackUrl: z.string().nullish(),
  status: text,
});

export const srSecretKeySchema = z.looseObject({ secretKey: z.string().min(1) });

/** Notification bodies hold ids only; application events add candidateId/jobId (UNCONFIRMED). */
export const srWebhookBodySchema = z.looseObject({
  id: srId.nullish(),
  candidateId: srId.nullish(),
  jobId: srId.nullish(),
});
