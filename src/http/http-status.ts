import type { ErrorCode } from '../domain/errors.js';

/** The one place error codes become HTTP statuses (the CLI's twin is cli/exit-codes.ts). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
    case 'CONFIG_INVALID':
    case 'MAPPING_INVALID':
    case 'PRESET_UNKNOWN':
    case 'IMPORT_NO_MAPPING':
    case 'IMPORT_FILE_UNREADABLE':
      return 400;
    case 'UNAUTHORIZED':
    case 'SIGNATURE_INVALID':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'CONFIG_NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'NOT_REPLAYED':
    case 'INTERNAL':
      return 500;
    case 'UNSUPPORTED':
      return 501;
    case 'DB_UNREACHABLE':
    case 'SCHEMA_OUTDATED':
      return 503;
    default: {
      const never: never = code;
      return Number(never) || 500;
    }
  }
}
