import { z } from 'zod';

/**
 * zod schemas for every Ashby payload we read (ATS-APIS.md §1.2, §1.5, §1.8). Objects are loose:
 * the raw payload is stored whole, so fields we do not map survive. Only what the mapper cannot do
 * without is required; a record failing its schema is skipped, never fatal to its page.
 */

const id = z.string().min(1);
/** ISO-8601 in practice; the mapper turns anything unparseable into null. */
const timestamp = z.string().nullish();
const text = z.string().nullish();

// --- Envelope -------------------------------------------------------------------------------

export const ashbySuccessSchema = z.looseObject({
  success: z.literal(true),
  results: z.unknown(),
  moreDataAvailable: z.boolean().nullish(),
  nextCursor: z.string().nullish(),
  syncToken: z.string().nullish(),
});
export type AshbySuccess = z.infer<typeof ashbySuccessSchema>;

export const ashbyFailureSchema = z.looseObject({
  success: z.literal(false),
  /** Deprecated upstream but still sent; read when `errorInfo` is missing. */
  errors: z.array(z.string()).nullish(),
  errorInfo: z
    .looseObject({
      code: z.string(),
      message: text,
      requestId: text,
      meta: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});
export type AshbyFailure = z.infer<typeof ashbyFailureSchema>;

export const ashbyEnvelopeSchema = z.discriminatedUnion('success', [
  ashbySuccessSchema,
  ashbyFailureSchema,
]);

// --- Reference data ---------------------------------------------------------------------------

export const ashbyUserSchema = z.looseObject({
  id,
  firstName: text,
  lastName: text,
  email: text,
  globalRole: text,
  isEnabled: z.boolean().nullish(),
  updatedAt: timestamp,
});
export type AshbyUser = z.infer<typeof ashbyUserSchema>;

export const ashbySourceSchema = z.looseObject({
  id,
  title: z.string(),
  isArchived: z.boolean().nullish(),
  sourceType: z.looseObject({ id: text, title: text }).nullish(),
});
export type AshbySource = z.infer<typeof ashbySourceSchema>;

export const ashbyArchiveReasonSchema = z.looseObject({
  id,
  text: z.string(),
  reasonType: text,
  isArchived: z.boolean().nullish(),
});
export type AshbyArchiveReason = z.infer<typeof ashbyArchiveReasonSchema>;

export const ashbyInterviewPlanSchema = z.looseObject({ id, title: text });

export const ashbyStageSchema = z.looseObject({
  id,
  title: z.string(),
  type: text,
  orderInInterviewPlan: z.number().nullish(),
  interviewPlanId: text,
});
export type AshbyStage = z.infer<typeof ashbyStageSchema>;

export const ashbyDepartmentSchema = z.looseObject({ id, name: z.string() });
export const ashbyLocationSchema = z.looseObject({ id, name: z.string() });

export const ashbyCustomFieldDefinitionSchema = z.looseObject({
  id,
  title: z.string(),
  fieldType: text,
});

// --- Jobs -------------------------------------------------------------------------------------

export const ashbyJobSchema = z.looseObject({
  id,
  title: z.string(),
  status: text,
  locationId: text,
  departmentId: text,
  jobPostingIds: z.array(z.string()).nullish(),
  createdAt: timestamp,
  updatedAt: timestamp,
  openedAt: timestamp,
  closedAt: timestamp,
});
export type AshbyJob = z.infer<typeof ashbyJobSchema>;

export const ashbyJobPostingSchema = z.looseObject({
  id,
  title: z.string(),
  jobId: id,
  isListed: z.boolean().nullish(),
  externalLink: text,
  applyLink: text,
  departmentName: text,
  locationName: text,
});
export type AshbyJobPosting = z.infer<typeof ashbyJobPostingSchema>;

// --- Candidates and applications --------------------------------------------------------------

const contactSchema = z.looseObject({
  value: z.string(),
  type: text,
  isPrimary: z.boolean().nullish(),
});

export const ashbyFileHandleSchema = z.looseObject({ id, name: z.string(), handle: id });
export type AshbyFileHandle = z.infer<typeof ashbyFileHandleSchema>;

const customFieldValueSchema = z.looseObject({
  id,
  title: z.string(),
  value: z.unknown(),
  valueLabel: z.unknown().optional(),
  isPrivate: z.boolean().nullish(),
});
export type AshbyCustomFieldValue = z.infer<typeof customFieldValueSchema>;

export const ashbyCandidateSchema = z.looseObject({
  id,
  name: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  primaryEmailAddress: contactSchema.nullish(),
  emailAddresses: z.array(contactSchema).nullish(),
  primaryPhoneNumber: contactSchema.nullish(),
  phoneNumbers: z.array(contactSchema).nullish(),
  socialLinks: z.array(z.looseObject({ type: text, url: z.string() })).nullish(),
  tags: z.array(z.looseObject({ id, title: z.string() })).nullish(),
  position: text,
  company: text,
  school: text,
  applicationIds: z.array(id).nullish(),
  resumeFileHandle: ashbyFileHandleSchema.nullish(),
  fileHandles: z.array(ashbyFileHandleSchema).nullish(),
  customFields: z.array(customFieldValueSchema).nullish(),
  source: ashbySourceSchema.nullish(),
  creditedToUser: ashbyUserSchema.nullish(),
  location: z
    .looseObject({
      locationSummary: text,
      locationComponents: z.array(z.looseObject({ type: z.string(), name: z.string() })).nullish(),
    })
    .nullish(),
});
export type AshbyCandidate = z.infer<typeof ashbyCandidateSchema>;

export const ashbyApplicationSchema = z.looseObject({
  id,
  createdAt: timestamp,
  updatedAt: timestamp,
  /** `Active | Archived | Hired | Lead`; kept open so a new status is mapped, not skipped. */
  status: z.string(),
  candidate: z.looseObject({ id }),
  currentInterviewStage: ashbyStageSchema.nullish(),
  source: ashbySourceSchema.nullish(),
  archiveReason: ashbyArchiveReasonSchema.nullish(),
  archivedAt: timestamp,
  job: z.looseObject({ id, title: text }).nullish(),
  creditedToUser: ashbyUserSchema.nullish(),
  customFields: z.array(customFieldValueSchema).nullish(),
});
export type AshbyApplication = z.infer<typeof ashbyApplicationSchema>;

// --- Files and webhooks -----------------------------------------------------------------------

export const ashbyFileInfoSchema = z.looseObject({
  url: z.url({ protocol: /^https?$/ }),
});

export const ashbyWebhookBodySchema = z.looseObject({
  webhookActionId: z.string().min(1).max(200),
  action: z.string().min(1).max(100),
  data: z.looseObject({}),
});

/** Ids inside webhook data: bounded like the events they become (common/webhook-event.ts). */
const webhookId = z.string().min(1).max(128);

export const ashbyWebhookDataSchemas = {
  application: z.looseObject({
    application: z.looseObject({
      id: webhookId,
      candidate: z.looseObject({ id: webhookId }).nullish(),
    }),
  }),
  candidateDelete: z.looseObject({ candidate: z.looseObject({ id: webhookId }) }),
  candidateMerge: z.looseObject({
    deletedCandidate: z.looseObject({ id: webhookId }),
    mergedCandidate: z.looseObject({ id: webhookId }),
  }),
  job: z.looseObject({ job: z.looseObject({ id: webhookId }) }),
  jobPosting: z.looseObject({ jobPosting: z.looseObject({ jobId: webhookId }) }),
};
