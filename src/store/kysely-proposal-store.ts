import type { Kysely } from 'kysely';
import type { Role } from '../domain/role.js';
import type { ApprovalRecord, DefinitionKind, ProposalRecord, ProposalStatus, ProposalStore } from '../app/ports/proposal-store.js';
import type { Database, ProposalsTable } from './schema.js';

const toProposal = (r: ProposalsTable): ProposalRecord => ({
  id: r.id,
  kind: r.kind as DefinitionKind,
  title: r.title,
  note: r.note,
  content: r.content,
  version: r.version,
  baseVersion: r.base_version,
  backtest: r.backtest === null ? null : JSON.parse(r.backtest),
  status: r.status as ProposalStatus,
  proposedBy: r.proposed_by,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

export class KyselyProposalStore implements ProposalStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(p: ProposalRecord): Promise<void> {
    await this.db
      .insertInto('proposals')
      .values({
        id: p.id,
        kind: p.kind,
        title: p.title,
        note: p.note,
        content: p.content,
        version: p.version,
        base_version: p.baseVersion,
        backtest: p.backtest === null || p.backtest === undefined ? null : JSON.stringify(p.backtest),
        status: p.status,
        proposed_by: p.proposedBy,
        created_at: p.createdAt,
        decided_at: p.decidedAt,
      })
      .execute();
  }

  async get(id: string): Promise<ProposalRecord | null> {
    const r = await this.db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toProposal(r) : null;
  }

  async list(status: ProposalStatus | null, limit: number, offset: number): Promise<ProposalRecord[]> {
    let q = this.db.selectFrom('proposals').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
    if (status) q = q.where('status', '=', status);
    return (await q.execute()).map(toProposal);
  }

  async addApproval(a: ApprovalRecord): Promise<boolean> {
    const r = await this.db
      .insertInto('approvals')
      .values({ proposal_id: a.proposalId, user_id: a.userId, user_name: a.userName, role: a.role, at: a.at })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async approvals(proposalId: string): Promise<ApprovalRecord[]> {
    const rows = await this.db.selectFrom('approvals').selectAll().where('proposal_id', '=', proposalId).orderBy('at').orderBy('user_id').execute();
    return rows.map((r) => ({ proposalId: r.proposal_id, userId: r.user_id, userName: r.user_name, role: r.role as Role, at: r.at }));
  }

  async transition(id: string, from: ProposalStatus, to: ProposalStatus, at: string): Promise<boolean> {
    const decided = to === 'adopted' || to === 'rejected' ? at : null;
    const r = await this.db.updateTable('proposals').set({ status: to, decided_at: decided }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
