import type { Role } from '../../domain/role.js';

export const DEFINITION_KINDS = ['funnel', 'qualification', 'contact-policy'] as const;
/** The shared definitions whose changes need joint sign-off. */
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

export const PROPOSAL_STATUSES = ['open', 'adopting', 'adopted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRecord {
  readonly id: string;
  readonly kind: DefinitionKind;
  readonly title: string;
  readonly note: string | null;
  readonly content: string;
  /** The version the candidate would become (content hash). */
  readonly version: string;
  /** The active version when proposed: what "before" means. */
  readonly baseVersion: string | null;
  readonly backtest: unknown;
  readonly status: ProposalStatus;
  readonly proposedBy: string;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

export interface ApprovalRecord {
  readonly proposalId: string;
  readonly userId: string;
  readonly userName: string;
  readonly role: Role;
  readonly at: string;
}

export interface ProposalStore {
  insert(p: ProposalRecord): Promise<void>;
  get(id: string): Promise<ProposalRecord | null>;
  list(status: ProposalStatus | null, limit: number, offset: number): Promise<ProposalRecord[]>;
  /** False when this user already approved. */
  addApproval(a: ApprovalRecord): Promise<boolean>;
  approvals(proposalId: string): Promise<ApprovalRecord[]>;
  /**
   * Moves the status only if it is still `from`: the compare-and-set that makes sure two
   * servers never adopt the same proposal twice. True when this caller won.
   */
  transition(id: string, from: ProposalStatus, to: ProposalStatus, at: string): Promise<boolean>;
}
