import { TandemError } from '../domain/errors.js';
import { signOffState } from '../domain/sign-off.js';
import type { SignOffState } from '../domain/sign-off.js';
import type { Actor } from './actor.js';
import type { AuditRecorder } from './audit.js';
import { checkPage } from './audit.js';
import type { DefinitionRegistry, DefinitionHandler } from './ports/definition-registry.js';
import type { ApprovalRecord, DefinitionKind, ProposalRecord, ProposalStatus, ProposalStore } from './ports/proposal-store.js';

export interface ProposalView extends ProposalRecord {
  readonly approvals: readonly ApprovalRecord[];
  readonly signOff: SignOffState;
}

export interface ProposeRequest {
  readonly kind: DefinitionKind;
  readonly title: string;
  readonly note?: string | null;
  readonly content: string;
}

export interface ProposalService {
  /** Kinds that can be proposed now, with whether a backtest is attached. */
  kinds(): { kind: DefinitionKind; backtest: boolean }[];
  propose(actor: Actor, request: ProposeRequest): Promise<ProposalView>;
  /** What a candidate would have done on history, without proposing it. */
  backtest(kind: DefinitionKind, content: string): Promise<{ version: string; backtest: unknown }>;
  approve(actor: Actor, id: string): Promise<ProposalView & { adopted: { version: string; replayed: number } | null }>;
  reject(actor: Actor, id: string, reason: string | null): Promise<ProposalView>;
  get(id: string): Promise<ProposalView>;
  list(status: ProposalStatus | null, limit: number, offset: number): Promise<ProposalRecord[]>;
}

/**
 * Joint sign-off of the shared definitions: a change is proposed (checked, and backtested
 * where its kind can be), approved by one marketing and one sales user, and only then
 * adopted and replayed. Every step goes to the audit log.
 */
export function proposalService(
  store: ProposalStore,
  registry: DefinitionRegistry,
  audit: AuditRecorder,
  now: () => string,
  newId: () => string,
): ProposalService {
  const handler = (kind: DefinitionKind): DefinitionHandler => {
    const h = registry[kind];
    if (!h) throw new TandemError('BAD_INPUT', `proposals of kind ${kind} are not available in this version`, { place: { field: 'kind' } });
    return h;
  };
  const view = async (p: ProposalRecord): Promise<ProposalView> => {
    const approvals = await store.approvals(p.id);
    return { ...p, approvals, signOff: signOffState(approvals) };
  };
  const mustGet = async (id: string): Promise<ProposalRecord> => {
    const p = await store.get(id);
    if (!p) throw new TandemError('NOT_FOUND', `no proposal ${id}`, { place: { field: 'id' } });
    return p;
  };
  const adopt = async (actor: Actor, p: ProposalRecord, approvals: readonly ApprovalRecord[]): Promise<{ version: string; replayed: number } | null> => {
    // Only one server (or request) moves it on; the others see it is no longer open.
    if (!(await store.transition(p.id, 'open', 'adopting', now()))) return null;
    const h = handler(p.kind);
    const before = await h.active();
    try {
      const result = await h.adopt(p.content, approvals.map((a) => a.userName).join(' + '));
      await store.transition(p.id, 'adopting', 'adopted', now());
      await audit.record(
        actor,
        'proposal.adopted',
        { type: 'proposal', id: p.id },
        before ? { kind: p.kind, version: before.version, content: before.content } : null,
        { kind: p.kind, version: result.version, content: p.content, replayedPersons: result.replayed },
      );
      return result;
    } catch (e) {
      await store.transition(p.id, 'adopting', 'open', now());
      await audit.record(actor, 'proposal.adoption_failed', { type: 'proposal', id: p.id }, null, { error: (e as Error).message });
      throw e;
    }
  };
  return {
    kinds: () => Object.values(registry).map((h) => ({ kind: h!.kind, backtest: typeof h!.backtest === 'function' })),
    async propose(actor, request) {
      const h = handler(request.kind);
      const title = request.title.normalize('NFC').trim();
      if (!title) throw new TandemError('BAD_INPUT', 'a proposal needs a title', { place: { field: 'title' } });
      const checked = h.check(request.content, `proposed ${request.kind} model`);
      const active = await h.active();
      if (active?.version === checked.version) {
        throw new TandemError('CONFLICT', `this ${request.kind} model is the active one (${checked.version}): nothing to change`, { place: { field: 'content' } });
      }
      const backtest = h.backtest ? await h.backtest(request.content) : null;
      const p: ProposalRecord = {
        id: `pr_${newId()}`,
        kind: request.kind,
        title,
        note: request.note ?? null,
        content: request.content,
        version: checked.version,
        baseVersion: active?.version ?? null,
        backtest,
        status: 'open',
        proposedBy: actor.name,
        createdAt: now(),
        decidedAt: null,
      };
      await store.insert(p);
      await audit.record(
        actor,
        'proposal.created',
        { type: 'proposal', id: p.id },
        active ? { kind: p.kind, version: active.version, content: active.content } : null,
        { kind: p.kind, version: p.version, title: p.title, content: p.content },
      );
      return view(p);
    },
    async backtest(kind, content) {
      const h = handler(kind);
      const checked = h.check(content, `candidate ${kind} model`);
      if (!h.backtest) throw new TandemError('BAD_INPUT', `${kind} models have no backtest in this version`, { place: { field: 'kind' } });
      return { version: checked.version, backtest: await h.backtest(content) };
    },
    async approve(actor, id) {
      const p = await mustGet(id);
      if (actor.role !== 'marketing' && actor.role !== 'sales') {
        throw new TandemError('FORBIDDEN', 'only marketing and sales users approve changes to the shared definitions');
      }
      if (p.status !== 'open') throw new TandemError('CONFLICT', `proposal ${id} is ${p.status}, not open`, { place: { field: 'id' } });
      const added = await store.addApproval({ proposalId: id, userId: actor.userId!, userName: actor.name, role: actor.role, at: now() });
      if (!added) throw new TandemError('CONFLICT', `${actor.name} already approved proposal ${id}`, { place: { field: 'id' } });
      const approvals = await store.approvals(id);
      const state = signOffState(approvals);
      await audit.record(actor, 'proposal.approved', { type: 'proposal', id }, null, { role: actor.role, waitingFor: state.waitingFor });
      const adopted = state.complete ? await adopt(actor, p, approvals) : null;
      return { ...(await view(await mustGet(id))), adopted };
    },
    async reject(actor, id, reason) {
      const p = await mustGet(id);
      if (!(await store.transition(id, 'open', 'rejected', now()))) {
        throw new TandemError('CONFLICT', `proposal ${id} is ${p.status}, not open`, { place: { field: 'id' } });
      }
      await audit.record(actor, 'proposal.rejected', { type: 'proposal', id }, { status: 'open' }, { status: 'rejected', reason });
      return view(await mustGet(id));
    },
    async get(id) {
      return view(await mustGet(id));
    },
    async list(status, limit, offset) {
      checkPage(limit, offset);
      return store.list(status, limit, offset);
    },
  };
}
