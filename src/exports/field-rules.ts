import type {
  DestinationRecord,
  ExportField,
  ExportPerson,
  FieldTargets,
} from '../connectors/destination';

/**
 * The destination settings of seed 001 applied to one person: where fields go (fieldMapping over
 * the connector's defaults), which must be present (mandatoryFields), and which the destination
 * keeps once filled (protectedFields).
 */

/** The connector's defaults, with every source the admin mapped sent only where they mapped it. */
export function resolveTargets(
  defaults: FieldTargets,
  mapping: Record<string, string[]> | undefined,
): FieldTargets {
  const targets: FieldTargets = { ...defaults };
  for (const [source, mapped] of Object.entries(mapping ?? {})) targets[source] = [...mapped];
  return targets;
}

/** The value of an export field, as something that is present or not. */
function valueOf(person: ExportPerson, field: ExportField): unknown {
  return person[field];
}

export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasValue);
  if (typeof value === 'object') return Object.values(value).some(hasValue);
  return true;
}

/** The first mandatory field the person lacks, or null. */
export function missingMandatory(
  person: ExportPerson,
  mandatory: readonly string[] | undefined,
): string | null {
  for (const field of mandatory ?? []) {
    if (!hasValue(valueOf(person, field as ExportField))) return field;
  }
  return null;
}

/** Every destination field an export field (and its per-network socialLinks keys) writes. */
function targetsOf(targets: FieldTargets, field: string): string[] {
  return Object.entries(targets)
    .filter(([source]) => source === field || source.startsWith(`${field}.`))
    .flatMap(([, to]) => to);
}

/**
 * Destination fields not to send: those a protected export field writes that already hold a
 * value in the record the destination has (an empty protected field may be filled).
 */
export function protectedOmissions(
  protectedFields: readonly string[] | undefined,
  targets: FieldTargets,
  existing: DestinationRecord | null,
): Set<string> {
  const omit = new Set<string>();
  if (!existing) return omit;
  for (const field of protectedFields ?? []) {
    for (const target of targetsOf(targets, field)) {
      if (hasValue(existing.fields[target])) omit.add(target);
    }
  }
  return omit;
}

/** The destination fields a send would write (a dry run's answer): mapped, present, not omitted. */
export function plannedFields(
  person: ExportPerson,
  targets: FieldTargets,
  omit: ReadonlySet<string>,
): string[] {
  const fields = new Set<string>();
  for (const [source, to] of Object.entries(targets)) {
    const [field, network] = source.split('.') as [ExportField, string | undefined];
    const value = network
      ? person.socialLinks.filter((l) => l.network === network)
      : valueOf(person, field);
    if (!hasValue(value)) continue;
    for (const target of to) if (!omit.has(target)) fields.add(target);
  }
  return [...fields].sort();
}
