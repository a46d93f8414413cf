import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors.js';
import type { ErrorCode } from '../domain/errors.js';

/** The one JSON shape every error has. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('stable code; see docs/api.md'),
      message: z.string().describe('what went wrong, in words a user can act on'),
      details: z.unknown().optional().describe('where: field, row, file, or per-item problems'),
    }),
  })
  .meta({ id: 'Error' });

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
