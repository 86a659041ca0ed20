/**
 * Readers for values of a manifest as YAML gave them: each returns the
 * value when it has the type Kubernetes expects and null otherwise, so the
 * normalised shape holds no surprises for a rule's CEL.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Objects of a list; other entries are dropped. */
export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).flatMap(item => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/**
 * A boolean; also the YAML 1.1 spellings (`yes`, `on`, …) that
 * Kubernetes' YAML reader still accepts and YAML 1.2 reads as strings.
 */
export function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const word = value.toLowerCase();
  if (['true', 'yes', 'y', 'on'].includes(word)) return true;
  if (['false', 'no', 'n', 'off'].includes(word)) return false;
  return null;
}

export function asInteger(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  return null;
}

/** A string map (labels, resource quantities); values become strings. */
export function asStringMap(value: unknown): Record<string, string> {
  const object = asObject(value) ?? {};
  return Object.fromEntries(
    Object.entries(object).flatMap(([key, entry]) => {
      const text = asString(entry);
      return text === null ? [] : [[key, text]];
    }),
  );
}
