import { CountReconciliation } from '../domain/count-reconciliation.js';
import type { CountRow } from '../domain/count-reconciliation.js';
import { TandemError } from '../domain/errors.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { periodOf } from '../domain/period-grain.js';
import type { PeriodGrain } from '../domain/period-grain.js';
import { DEFAULT_PRECEDENCE } from '../domain/precedence.js';
import { CONFLICT_KINDS } from '../domain/reconciliation.js';
import type { Conflict, ConflictKind, ReconcileReport } from '../domain/reconciliation.js';
import { periodBounds } from './period.js';
import type { ReconcileStore } from './ports/reconcile-store.js';
import { opportunityConflicts, recordConflicts, stageConflicts } from './reconcile-conflicts.js';
import { identityReport } from './reconcile-identity.js';

export interface ReconcileRequest {
  readonly grain: PeriodGrain;
  /** Inclusive dates (YYYY-MM-DD) bounding the periods counted. */
  readonly from: string | null;
  readonly to: string | null;
}

const PAGE = 5000;

async function countRows(store: ReconcileStore, model: FunnelModel, request: ReconcileRequest, setAside: ReadonlyMap<string, readonly string[]>): Promise<CountRow[]> {
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const label = request.from || request.to ? `${request.from ?? '…'}..${request.to ?? '…'}` : 'all';
  const counts = new CountReconciliation(periodOf(request.grain, fromIso, toIsoExclusive, label));
  let after: string | null = null;
  for (;;) {
    const page = await store.personCountPage(model.version, after, PAGE);
    if (page.length === 0) break;
    for (const p of page) counts.addPerson({ ...p, setAside: setAside.get(p.personId) ?? [] });
    after = page[page.length - 1]!.personId;
  }
  for (const r of await store.rejectedRecords()) for (let i = 0; i < r.n; i++) counts.addRejected(r);
  return counts.rows();
}

function byKindThenPerson(a: Conflict, b: Conflict): number {
  const k = CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind);
  if (k !== 0) return k;
  const ka = `${a.email ?? a.name ?? ''}\u0000${a.person ?? a.opportunity ?? ''}\u0000${a.field}`;
  const kb = `${b.email ?? b.name ?? ''}\u0000${b.person ?? b.opportunity ?? ''}\u0000${b.field}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Where the marketing-automation system and the CRM disagree, why, and which value Tandem
 * uses: how records were matched (identity), the conflicts settled by source precedence, and
 * each system's own stage counts next to Tandem's with the difference explained.
 * `model.version` must be the version replay stored journeys under.
 */
export async function reconcile(store: ReconcileStore, model: FunnelModel, request: ReconcileRequest): Promise<ReconcileReport> {
  const { persons } = await store.countPersons();
  if (persons > 0 && !(await store.hasJourneys(model.version))) {
    throw new TandemError('NOT_REPLAYED', `no replayed journeys under the active model ${model.version}: run \`tandem replay\` first`);
  }
  const policy = model.precedence ?? DEFAULT_PRECEDENCE;
  const records = await recordConflicts(store, model);
  const stages = await stageConflicts(store, model);
  const conflicts = [...stages.conflicts, ...records.conflicts, ...(await opportunityConflicts(store))].sort(byKindThenPerson);
  const conflictCounts = Object.fromEntries(CONFLICT_KINDS.map((k) => [k, conflicts.filter((c) => c.kind === k).length])) as Record<ConflictKind, number>;
  return {
    modelVersion: model.version,
    period: { grain: request.grain, from: request.from, to: request.to },
    identity: await identityReport(store, policy, records.emailVariants),
    conflictCounts,
    conflicts,
    counts: await countRows(store, model, request, stages.setAside),
  };
}
