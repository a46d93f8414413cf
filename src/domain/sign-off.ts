import type { Role } from './role.js';

/** One approval of a proposal, by a user acting in a role. */
export interface Approval {
  readonly userId: string;
  readonly role: Role;
}

export interface SignOffState {
  readonly marketing: boolean;
  readonly sales: boolean;
  /** Both teams approved: the change may be adopted. */
  readonly complete: boolean;
  /** Which team still has to approve, in words. */
  readonly waitingFor: readonly ('marketing' | 'sales')[];
}

/**
 * Joint sign-off: a change to the shared definitions needs one marketing and one sales
 * approval, from two different users. Nobody, not even an admin, adopts one alone.
 */
export function signOffState(approvals: readonly Approval[]): SignOffState {
  const marketing = approvals.find((a) => a.role === 'marketing');
  const sales = approvals.find((a) => a.role === 'sales' && a.userId !== marketing?.userId);
  const waitingFor: ('marketing' | 'sales')[] = [];
  if (!marketing) waitingFor.push('marketing');
  if (!sales) waitingFor.push('sales');
  return { marketing: !!marketing, sales: !!sales, complete: waitingFor.length === 0, waitingFor };
}
