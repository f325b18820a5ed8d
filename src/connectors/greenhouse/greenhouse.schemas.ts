import { z } from 'zod';

/**
 * Harvest v3 payloads (ATS-APIS.md §2.7), as loose objects: fields Greenhouse adds later are kept
 * in `raw` and never break a sync. Only what the mapper reads is declared; anything it can live
 * without is optional or nullable, because v3 shapes are partly UNCONFIRMED.
 */

/** Greenhouse ids are integers; some clients and webhooks send them as strings. */
export const ghId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const optionalId = ghId.nullable().optional();
const text = z.string().nullable().optional();
/** ISO-8601 timestamps; anything else is a malformed record, not a silent null. */
const timestamp = z.iso.datetime({ offset: true }).nullable().optional();
/** Plain dates (employments, educations) come as YYYY-MM-DD or full timestamps. */
const dateLike = z.string().nullable().optional();

const typedValue = z.looseObject({ value: z.string(), type: text });

/** v3 tags are strings; objects `{id, name}` are accepted too. */
const tag = z.union([z.string(), z.looseObject({ name: z.string() }).transform((t) => t.name)]);

export const ghCandidateSchema = z.looseObject({
  id: ghId,
  first_name: text,
  last_name: text,
  preferred_name: text,
  company: text,
  title: text,
  created_at: timestamp,
  updated_at: timestamp,
  last_activity_at: timestamp,
  email_addresses: z.array(typedValue).nullable().optional(),
  phone_numbers: z.array(typedValue).nullable().optional(),
  addresses: z.array(typedValue).nullable().optional(),
  website_addresses: z.array(typedValue).nullable().optional(),
  social_media_addresses: z
    .array(z.looseObject({ value: z.string() }))
    .nullable()
    .optional(),
  tags: z.array(tag).nullable().optional(),
  /** `{field_key: {name, type, value}}`; v1-style bare values are tolerated by the mapper. */
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
  recruiter_id: optionalId,
  source_id: optionalId,
});
export type GhCandidate = z.infer<typeof ghCandidateSchema>;

export const ghApplicationSchema = z.looseObject({
  id: ghId,
  candidate_id: ghId,
  job_id: optionalId,
  stage_id: optionalId,
  stage_name: text,
  status: z.string(),
  prospect: z.boolean().nullable().optional(),
  source_id: optionalId,
  recruiter_id: optionalId,
  credited_to_id: optionalId,
  rejection_reason_id: optionalId,
  applied_at: timestamp,
  rejected_at: timestamp,
  hired_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type GhApplication = z.infer<typeof ghApplicationSchema>;

export const ghJobSchema = z.looseObject({
  id: ghId,
  name: z.string(),
  status: z.string().nullable().optional(),
  department_ids: z.array(ghId).nullable().optional(),
  office_ids: z.array(ghId).nullable().optional(),
  opened_at: timestamp,
  closed_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});
export type GhJob = z.infer<typeof ghJobSchema>;

export const ghJobPostSchema = z.looseObject({
  id: ghId,
  job_id: ghId,
  title: z.string(),
  live: z.boolean().nullable().optional(),
  url: text,
  absolute_url: text,
});
export type GhJobPost = z.infer<typeof ghJobPostSchema>;

export const ghJobStageSchema = z.looseObject({
  id: ghId,
  job_id: optionalId,
  name: z.string(),
  active: z.boolean().nullable().optional(),
  sort_order: z.number().nullable().optional(),
  /** v1's name for the position. */
  priority: z.number().nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GhJobStage = z.infer<typeof ghJobStageSchema>;

export const ghUserSchema = z.looseObject({
  id: ghId,
  first_name: text,
  last_name: text,
  name: text,
  primary_email: text,
  /** v1's spelling. */
  primary_email_address: text,
  deactivated: z.boolean().nullable().optional(),
  site_admin: z.boolean().nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GhUser = z.infer<typeof ghUserSchema>;

const namedType = z.looseObject({ key: text, name: text }).nullable().optional();

export const ghSourceSchema = z.looseObject({ id: ghId, name: z.string(), type: namedType });
export type GhSource = z.infer<typeof ghSourceSchema>;

export const ghRejectionReasonSchema = z.looseObject({
  id: ghId,
  name: z.string(),
  type: namedType,
});
export type GhRejectionReason = z.infer<typeof ghRejectionReasonSchema>;

export const ghAttachmentSchema = z.looseObject({
  id: ghId,
  candidate_id: ghId,
  filename: z.string(),
  type: text,
  url: z.url(),
  content_type: text,
  created_at: timestamp,
});
export type GhAttachment = z.infer<typeof ghAttachmentSchema>;

export const ghEmploymentSchema = z.looseObject({
  id: ghId,
  candidate_id: ghId,
  company_name: text,
  title: text,
  start_date: dateLike,
  end_date: dateLike,
});
export type GhEmployment = z.infer<typeof ghEmploymentSchema>;

export const ghEducationSchema = z.looseObject({
  id: ghId,
  candidate_id: ghId,
  school_name: text,
  degree: text,
  discipline: text,
  start_date: dateLike,
  end_date: dateLike,
});
export type GhEducation = z.infer<typeof ghEducationSchema>;

/** Departments and offices only lend their names to jobs. */
export const ghNamedSchema = z.looseObject({
  id: ghId,
  name: z.string(),
  location: z.looseObject({ name: text }).nullable().optional(),
});
export type GhNamed = z.infer<typeof ghNamedSchema>;

/** OAuth (RFC 6749 §5.2) and Harvest error bodies, read only for their messages. */
export const ghErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});
