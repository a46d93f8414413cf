import { describe, expect, it } from 'vitest';
import { can, rolesWith } from './role.js';
import { signOffState } from './sign-off.js';

describe('joint sign-off', () => {
  it.each([
    [[], false, ['marketing', 'sales']],
    [[{ userId: 'm1', role: 'marketing' as const }], false, ['sales']],
    [[{ userId: 's1', role: 'sales' as const }], false, ['marketing']],
    [[{ userId: 'm1', role: 'marketing' as const }, { userId: 'm2', role: 'marketing' as const }], false, ['sales']],
    [[{ userId: 'm1', role: 'marketing' as const }, { userId: 's1', role: 'sales' as const }], true, []],
    [[{ userId: 'a1', role: 'admin' as const }, { userId: 's1', role: 'sales' as const }], false, ['marketing']],
  ])('%j → complete %s', (approvals, complete, waiting) => {
    const s = signOffState(approvals);
    expect(s.complete).toBe(complete);
    expect(s.waitingFor).toEqual(waiting);
  });
});

describe('roles', () => {
  it('viewers only read; only admins manage users; admins do not approve', () => {
    expect(can('viewer', 'read')).toBe(true);
    expect(can('viewer', 'ingest')).toBe(false);
    expect(rolesWith('manage-users')).toEqual(['admin']);
    expect(rolesWith('approve')).toEqual(['marketing', 'sales']);
    expect(can('sales', 'import')).toBe(true);
  });
});
