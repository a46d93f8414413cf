import type { Kysely } from 'kysely';
import type { Role } from '../domain/role.js';
import type { AuthStore, TokenRecord, UserRecord } from '../app/ports/auth-store.js';
import type { ApiTokensTable, Database, UsersTable } from './schema.js';

const toUser = (r: UsersTable): UserRecord => ({ id: r.id, name: r.name, role: r.role as Role, createdAt: r.created_at, disabledAt: r.disabled_at });
const toToken = (r: ApiTokensTable): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  label: r.label,
  prefix: r.prefix,
  hash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export class KyselyAuthStore implements AuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertUser(u: UserRecord): Promise<void> {
    await this.db.insertInto('users').values({ id: u.id, name: u.name, role: u.role, created_at: u.createdAt, disabled_at: u.disabledAt }).execute();
  }

  async updateUser(id: string, change: { role?: Role; disabledAt?: string | null }): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ ...(change.role ? { role: change.role } : {}), ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async userById(id: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async userByName(name: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        label: t.label,
        prefix: t.prefix,
        token_hash: t.hash,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        revoked_at: t.revokedAt,
      })
      .execute();
  }

  async tokenByHash(hash: string): Promise<{ token: TokenRecord; user: UserRecord } | null> {
    const r = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      .select(['u.name as u_name', 'u.role as u_role', 'u.created_at as u_created_at', 'u.disabled_at as u_disabled_at'])
      .where('t.token_hash', '=', hash)
      .executeTakeFirst();
    if (!r) return null;
    return {
      token: toToken(r),
      user: { id: r.user_id, name: r.u_name, role: r.u_role as Role, createdAt: r.u_created_at, disabledAt: r.u_disabled_at },
    };
  }

  async tokenById(id: string): Promise<TokenRecord | null> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toToken(r) : null;
  }

  async listTokens(userId: string | null): Promise<TokenRecord[]> {
    let q = this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id');
    if (userId !== null) q = q.where('user_id', '=', userId);
    return (await q.execute()).map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const r = await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
