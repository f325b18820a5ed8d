import { EXPORT_FIELDS, LIST_EXPORT_FIELDS, type ExportField } from './destination';

/** The export rules an admin sets on a destination (API.md: names of Rediscover's export fields). */
export interface ExportSettings {
  /** Export field (or `socialLinks.<network>`) → destination fields. */
  fieldMapping?: Record<string, string[]>;
  mandatoryFields?: string[];
  protectedFields?: string[];
}

export interface SettingsProblem {
  field: string;
  message: string;
}

const isExportField = (name: string): name is ExportField =>
  (EXPORT_FIELDS as readonly string[]).includes(name);

/** `socialLinks.linkedin`, `socialLinks.twitter`…: one network's links to one destination field. */
const NETWORK_SOURCE = /^socialLinks\.[a-z][a-z0-9_-]{0,39}$/;

/**
 * What is wrong with a destination's export settings, checked when they are saved (not at export
 * time): unknown export fields, unknown destination fields, a single-valued field mapped twice.
 * `destinationFields` is null for a connection that cannot be a destination.
 */
export function exportSettingsProblem(
  settings: ExportSettings,
  provider: string,
  destinationFields: readonly string[] | null,
): SettingsProblem | null {
  for (const key of ['mandatoryFields', 'protectedFields'] as const) {
    const unknown = (settings[key] ?? []).find((f) => !isExportField(f));
    if (unknown !== undefined) {
      return {
        field: `input.settings.${key}`,
        message: `${key}: '${unknown}' is not an export field (${EXPORT_FIELDS.join(', ')})`,
      };
    }
  }
  for (const [source, targets] of Object.entries(settings.fieldMapping ?? {})) {
    const entry = `fieldMapping entry ${source} → ${targets.join(', ')}`;
    const field = 'input.settings.fieldMapping';
    if (!isExportField(source) && !NETWORK_SOURCE.test(source)) {
      return {
        field,
        message: `${entry}: '${source}' is not an export field (${EXPORT_FIELDS.join(', ')}, or socialLinks.<network>)`,
      };
    }
    if (!destinationFields) {
      return { field, message: `${entry}: ${provider} is not an export destination` };
    }
    if (targets.length > 1 && isExportField(source) && !LIST_EXPORT_FIELDS.has(source)) {
      return { field, message: `${entry}: '${source}' holds one value and maps to one field` };
    }
    const unknown = targets.find((t) => !destinationFields.includes(t));
    if (unknown !== undefined) {
      return { field, message: `${entry}: ${provider} has no field '${unknown}'` };
    }
  }
  return null;
}
