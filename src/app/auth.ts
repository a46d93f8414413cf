import { TandemError } from '../domain/errors.js';
import type { Role } from '../domain/role.js';
import type { Actor } from './actor.js';
import type { AuditRecorder } from './audit.js';
import type { AuthStore, TokenRecord, UserRecord } from './ports/auth-store.js';
import type { TokenHasher } from './ports/token-hasher.js';

/** A token as shown: never its hash. The secret itself appears once, when it is created. */
export type TokenView = Omit<TokenRecord, 'hash'>;

export interface CreateTokenRequest {
  /** A user id or name. A missing user is created when a role is given. */
  readonly user: string;
  readonly role?: Role;
  readonly label?: string | null;
  readonly expiresAt?: string | null;
}

export interface AuthService {
  /** The actor behind a bearer secret, or null for an unknown, revoked or expired token or a disabled user. */
  authenticate(secret: string, at: string): Promise<Actor | null>;
  createUser(actor: Actor, input: { name: string; role: Role }): Promise<UserRecord>;
  updateUser(actor: Actor, id: string, change: { role?: Role; disabled?: boolean }): Promise<UserRecord>;
  listUsers(): Promise<UserRecord[]>;
  createToken(actor: Actor, request: CreateTokenRequest): Promise<{ token: TokenView; secret: string; user: UserRecord }>;
  listTokens(userId: string | null): Promise<TokenView[]>;
  revokeToken(actor: Actor, id: string): Promise<TokenView>;
}

const SECRET_SHAPE = /^tdm_[A-Za-z0-9_-]{20,100}$/;

function view(t: TokenRecord): TokenView {
  const { hash, ...rest } = t;
  void hash;
  return rest;
}

function checkName(name: string): string {
  const n = name.normalize('NFC').trim();
  if (n.length < 1 || n.length > 100 || /[\u0000-\u001f]/.test(n)) {
    throw new TandemError('BAD_INPUT', 'a user name is 1 to 100 printable characters', { place: { field: 'name' } });
  }
  return n;
}

/** Users, roles and API tokens. Token secrets are stored only as hashes and shown once. */
export function authService(store: AuthStore, hasher: TokenHasher, audit: AuditRecorder, now: () => string): AuthService {
  const findUser = async (ref: string): Promise<UserRecord | null> => (await store.userById(ref)) ?? (await store.userByName(ref.normalize('NFC').trim()));
  const mustUser = async (id: string): Promise<UserRecord> => {
    const u = await store.userById(id);
    if (!u) throw new TandemError('NOT_FOUND', `no user with id ${id}`, { place: { field: 'id' } });
    return u;
  };
  const service: AuthService = {
    async authenticate(secret, at) {
      if (!SECRET_SHAPE.test(secret)) return null;
      const found = await store.tokenByHash(hasher.hash(secret));
      if (!found || found.token.revokedAt || found.user.disabledAt) return null;
      if (found.token.expiresAt && found.token.expiresAt <= at) return null;
      return { userId: found.user.id, name: found.user.name, role: found.user.role, tokenId: found.token.id };
    },
    async createUser(actor, input) {
      const name = checkName(input.name);
      if (await store.userByName(name)) throw new TandemError('CONFLICT', `a user named "${name}" exists`, { place: { field: 'name' } });
      const user: UserRecord = { id: `u_${hasher.newId()}`, name, role: input.role, createdAt: now(), disabledAt: null };
      await store.insertUser(user);
      await audit.record(actor, 'user.created', { type: 'user', id: user.id }, null, { name, role: user.role });
      return user;
    },
    async updateUser(actor, id, change) {
      const before = await mustUser(id);
      const disabledAt = change.disabled === undefined ? before.disabledAt : change.disabled ? (before.disabledAt ?? now()) : null;
      await store.updateUser(id, { role: change.role ?? before.role, disabledAt });
      const after = await mustUser(id);
      await audit.record(actor, 'user.updated', { type: 'user', id }, { role: before.role, disabledAt: before.disabledAt }, { role: after.role, disabledAt: after.disabledAt });
      return after;
    },
    listUsers: () => store.listUsers(),
    async createToken(actor, request) {
      let user = await findUser(request.user);
      if (!user) {
        if (!request.role) {
          throw new TandemError('NOT_FOUND', `no user "${request.user}": give a role to create them (--role admin|marketing|sales|viewer)`, { place: { field: 'user' } });
        }
        user = await service.createUser(actor, { name: request.user, role: request.role });
      } else if (request.role && request.role !== user.role) {
        throw new TandemError('CONFLICT', `${user.name} is ${user.role}, not ${request.role}; change the role with PATCH /api/users/${user.id}`, { place: { field: 'role' } });
      }
      if (user.disabledAt) throw new TandemError('CONFLICT', `${user.name} is disabled`, { place: { field: 'user' } });
      if (request.expiresAt && Number.isNaN(Date.parse(request.expiresAt))) {
        throw new TandemError('BAD_INPUT', `expiresAt "${request.expiresAt}" is not a date`, { place: { field: 'expiresAt' } });
      }
      const secret = hasher.newSecret();
      const token: TokenRecord = {
        id: `t_${hasher.newId()}`,
        userId: user.id,
        label: request.label ?? null,
        prefix: secret.slice(0, 12),
        hash: hasher.hash(secret),
        createdAt: now(),
        expiresAt: request.expiresAt ? new Date(request.expiresAt).toISOString() : null,
        revokedAt: null,
      };
      await store.insertToken(token);
      await audit.record(actor, 'token.created', { type: 'token', id: token.id }, null, { user: user.name, role: user.role, prefix: token.prefix, label: token.label });
      return { token: view(token), secret, user };
    },
    async listTokens(userId) {
      return (await store.listTokens(userId)).map(view);
    },
    async revokeToken(actor, id) {
      const token = await store.tokenById(id);
      if (!token) throw new TandemError('NOT_FOUND', `no token with id ${id}`, { place: { field: 'id' } });
      if (actor.role !== 'admin' && actor.role !== 'operator' && actor.userId !== token.userId) {
        throw new TandemError('FORBIDDEN', 'only an admin can revoke another user\'s token');
      }
      const at = now();
      if (await store.revokeToken(id, at)) {
        await audit.record(actor, 'token.revoked', { type: 'token', id }, { revokedAt: null }, { revokedAt: at });
      }
      return view((await store.tokenById(id))!);
    },
  };
  return service;
}
