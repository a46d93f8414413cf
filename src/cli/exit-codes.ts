import type { ErrorCode } from '../domain/errors.js';

/** One place maps error codes to process exit codes (sysexits-style where one fits). */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
      return 64;
    case 'CONFIG_INVALID':
    case 'MAPPING_INVALID':
      return 65;
    case 'IMPORT_FILE_UNREADABLE':
    case 'CONFIG_NOT_FOUND':
      return 66;
    case 'PRESET_UNKNOWN':
    case 'IMPORT_NO_MAPPING':
      return 64;
    case 'DB_UNREACHABLE':
      return 69;
    case 'NOT_FOUND':
      return 67;
    case 'NOT_REPLAYED':
      return 70;
    case 'UNSUPPORTED':
      return 69;
    default: {
      const never: never = code;
      return Number(never) || 1;
    }
  }
}
