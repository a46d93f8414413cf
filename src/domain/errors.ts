/** Stable error codes, one catalogue for every area. Interfaces map them to HTTP statuses and exit codes. */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'MAPPING_INVALID',
  'PRESET_UNKNOWN',
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_NO_MAPPING',
  'DB_UNREACHABLE',
  'NOT_FOUND',
  'BAD_INPUT',
  'NOT_REPLAYED',
  'UNSUPPORTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a file a problem is: every user-facing error names it when it can. */
export interface Place {
  readonly file?: string;
  readonly line?: number;
  readonly row?: number;
  readonly field?: string;
}

/** An expected failure with a message a user can act on. Never shown with a stack trace. */
export class TandemError extends Error {
  readonly code: ErrorCode;
  readonly place: Place;
  readonly problems: readonly string[];

  constructor(code: ErrorCode, message: string, options: { place?: Place; problems?: readonly string[] } = {}) {
    super(message);
    this.name = 'TandemError';
    this.code = code;
    this.place = options.place ?? {};
    this.problems = options.problems ?? [];
  }
}

export function formatPlace(place: Place): string {
  const parts: string[] = [];
  if (place.file) parts.push(place.file);
  if (place.line !== undefined) parts.push(`line ${place.line}`);
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  if (place.field) parts.push(`field ${place.field}`);
  return parts.join(', ');
}
