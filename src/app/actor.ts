import type { Role } from '../domain/role.js';

/**
 * Who does something: an API user (with the token they used), or the operator at the
 * command line, who has the database in hand and so is trusted like an admin.
 */
export interface Actor {
  readonly userId: string | null;
  readonly name: string;
  readonly role: Role | 'operator';
  readonly tokenId: string | null;
}

export const OPERATOR: Actor = Object.freeze({ userId: null, name: 'operator (command line)', role: 'operator', tokenId: null });
