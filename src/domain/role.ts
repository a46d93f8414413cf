/** Who a user is to Tandem. Viewers read; marketing and sales work; admins manage users. */
export const ROLES = ['admin', 'marketing', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a request may do. Each route names the one permission it needs. */
export const PERMISSIONS = ['read', 'ingest', 'import', 'work-queue', 'propose', 'approve', 'manage-users'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The role table. Approving a change to the shared definitions is for the two teams that
 * live with it (marketing and sales); an admin manages people, not the funnel.
 */
export function can(role: Role, permission: Permission): boolean {
  switch (role) {
    case 'admin':
      return permission !== 'approve' && permission !== 'work-queue';
    case 'marketing':
    case 'sales':
      return permission !== 'manage-users';
    case 'viewer':
      return permission === 'read';
    default: {
      const never: never = role;
      return Boolean(never);
    }
  }
}

/** The roles that hold a permission, for messages and the API documentation. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}
