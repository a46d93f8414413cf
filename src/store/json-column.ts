import type { Attributes } from '../domain/entities.js';

/** JSON text columns: attributes and properties. Invalid JSON reads as empty rather than failing a report. */
/** Most rows hold no attributes: one shared, frozen empty object for all of them (a replay reads millions). */
const EMPTY: Attributes = Object.freeze({});

export function readJson(text: string | null | undefined): Attributes {
  if (!text || text === '{}') return EMPTY;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Attributes) : {};
  } catch {
    return {};
  }
}

export function writeJson(value: Attributes): string {
  // Most rows hold none: no serialiser call for an empty object (a million activities per import).
  for (const _ in value) return JSON.stringify(value);
  return '{}';
}
