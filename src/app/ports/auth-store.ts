import type { Role } from '../../domain/role.js';

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** An API token as stored: only the hash of its secret, never the secret. */
export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly label: string | null;
  /** The first characters of the secret, so people can tell their tokens apart. */
  readonly prefix: string;
  readonly hash: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** Users and their tokens. */
export interface AuthStore {
  insertUser(user: UserRecord): Promise<void>;
  updateUser(id: string, change: { role?: Role; disabledAt?: string | null }): Promise<void>;
  userById(id: string): Promise<UserRecord | null>;
  userByName(name: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  insertToken(token: TokenRecord): Promise<void>;
  /** The live token with this hash and its user, or null. */
  tokenByHash(hash: string): Promise<{ token: TokenRecord; user: UserRecord } | null>;
  tokenById(id: string): Promise<TokenRecord | null>;
  listTokens(userId: string | null): Promise<TokenRecord[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
}
