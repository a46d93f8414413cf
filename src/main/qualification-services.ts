import { userInfo } from 'node:os';
import { mergeBacktestParts, runBacktest } from '../app/backtest.js';
import { backtestReport } from '../app/backtest-report.js';
import { collectValueStats } from '../app/collect-value-stats.js';
import { compareModels } from '../app/compare-models.js';
import { explainPerson } from '../app/explain-person.js';
import type { AdoptResult, BacktestOptions, QualificationServices } from '../app/qualification-services.js';
import type { BacktestReport } from '../app/backtest-report.js';
import type { Store } from '../app/ports/store.js';
import { replayAll, replayVersion } from '../app/replay.js';
import type { ReplayContext, ReplayProgress } from '../app/replay.js';
import { TandemError } from '../domain/errors.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { FollowUpProvider } from '../domain/follow-up-provider.js';
import { gradeOf } from '../domain/qualification/qualification-model.js';
import { draftRules, quartileGrades, valueFigures } from '../domain/qualification/profile-draft.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { inTraining } from '../domain/qualification/split.js';
import type { SignalProvider } from '../domain/signal-provider.js';
import { loadQualificationModel, parseQualificationModel } from '../config/qualification/load-qualification-model.js';
import { profileDraftYaml } from '../config/qualification/profile-draft-yaml.js';
import { PARALLEL_MIN_PERSONS, backtestThreads, parallelBacktestParts } from './parallel-backtest.js';

const cache = new Map<string, QualificationProvider>();

function providerOf(text: string, file: string): QualificationProvider {
  const model = parseQualificationModel(text, file);
  const hit = cache.get(model.version);
  if (hit) return hit;
  const p = new QualificationProvider(model);
  cache.set(model.version, p);
  return p;
}

/** The signal providers of the adopted shared definitions: today the qualification model. */
export async function activeProviders(store: Store): Promise<SignalProvider[]> {
  const active = await store.models.active('qualification');
  return active ? [providerOf(active.content, `stored qualification model ${active.version}`)] : [];
}

async function candidateSource(store: Store, ref: string): Promise<{ text: string; file: string }> {
  if (ref === 'active') {
    const active = await store.models.active('qualification');
    if (!active) throw new TandemError('NOT_FOUND', 'no qualification model is adopted yet; give a model file (tandem model adopt FILE adopts one)');
    return { text: active.content, file: `stored qualification model ${active.version}` };
  }
  return { text: loadQualificationModel(ref).text, file: ref };
}

async function candidate(store: Store, ref: string): Promise<QualificationProvider> {
  const { text, file } = await candidateSource(store, ref);
  return providerOf(text, file);
}

export interface QualificationDeps {
  readonly store: Store;
  /** Where the store is (a SQLite file or a postgres:// URL): parallel parts open their own connection. */
  readonly location: string;
  readonly funnel: () => Promise<{ model: FunnelModel; content: string }>;
  /** Saves and activates the funnel model replays run under. */
  readonly adoptFunnel: (model: FunnelModel, content: string) => Promise<void>;
  readonly context: (model: FunnelModel, at: Date) => Promise<ReplayContext>;
  readonly now: () => string;
}

/** A qualification model's text and where it came from (for error messages). */
export interface ModelSource {
  readonly text: string;
  readonly file: string;
}

const baseContextOf = async (deps: QualificationDeps, at: Date): Promise<ReplayContext> => deps.context((await deps.funnel()).model, at);

/** Replays the cohort under a candidate model's text: `tandem model backtest`, and a proposal's backtest. */
export async function backtestSource(deps: QualificationDeps, source: ModelSource, options: BacktestOptions): Promise<BacktestReport> {
  const { store } = deps;
  const c = providerOf(source.text, source.file);
  const ctx = await baseContextOf(deps, options.at);
  const onPerson = options.onPerson;
  const threads = backtestThreads();
  // Workers rebuild the context from the store: the qualification candidate and the follow-up provider they can.
  const others = ctx.providers.filter((p) => !(p instanceof QualificationProvider));
  const rebuildable = others.every((p) => p instanceof FollowUpProvider) && others.length <= 1;
  // Threads pay off on SQLite (the work is in this process); a PostgreSQL server on the same cores measured slower with them.
  if (!onPerson && threads > 1 && store.dialect === 'sqlite' && rebuildable && (await store.replay.countPersons()) >= PARALLEL_MIN_PERSONS) {
    const funnel = await deps.funnel();
    const job = { location: deps.location, funnel: { text: funnel.content, file: 'funnel model' }, models: [source], at: ctx.at, from: options.from, to: options.to, followUp: others[0]?.version ?? null };
    const parts = await parallelBacktestParts(store.qualification, job, threads);
    if (parts) return backtestReport(mergeBacktestParts([c], parts), 0, c, ctx, options);
  }
  const run = await runBacktest(store.qualification, ctx, [c], options, onPerson && ((p) => {
    const o = p.outcomes[0]!;
    onPerson({
      personId: p.row.personId,
      attributes: p.row.person.attributes,
      fit: o.peakFit,
      grade: gradeOf(o.peakFit ?? Number.NEGATIVE_INFINITY, c.model.profile.grades),
      score: o.peak,
      qualified: o.gatedPeak !== null && o.gatedPeak >= c.model.thresholds.mql.total,
      won: o.won,
    });
  }));
  return backtestReport(run, 0, c, ctx, options);
}

/**
 * Stores a model's text as a version (hash, author, time), makes it active and replays history
 * under it: `tandem model adopt`, and an approved proposal.
 */
export async function adoptSource(
  deps: QualificationDeps,
  source: ModelSource,
  options: { readonly author: string; readonly onProgress?: (p: ReplayProgress) => void },
): Promise<AdoptResult> {
  const { store } = deps;
  const model = parseQualificationModel(source.text, source.file);
  const previous = (await store.models.active('qualification'))?.version ?? null;
  await store.models.saveVersion({ version: model.version, kind: 'qualification', modelId: model.id, content: source.text, author: options.author, createdAt: deps.now(), active: false });
  await store.models.activate('qualification', model.version);
  const { model: funnel, content } = await deps.funnel();
  await deps.adoptFunnel(funnel, content);
  const ctx = await deps.context(funnel, new Date(deps.now()));
  const result = await replayAll(store.replay, ctx, options.onProgress);
  return { version: model.version, previous, replayVersion: replayVersion(ctx), ...result };
}

/** The buyer profile and qualification model use cases over a store. */
export function qualificationServices(deps: QualificationDeps): QualificationServices {
  const { store } = deps;
  const baseContext = (at: Date): Promise<ReplayContext> => baseContextOf(deps, at);
  return {
    backtestModel: async (file, options) => backtestSource(deps, await candidateSource(store, file), options),
    async compareModels(a, b, options) {
      const [ca, cb] = [await candidate(store, a), await candidate(store, b)];
      return compareModels(store.qualification, await baseContext(options.at), ca, cb, options);
    },
    async compareModelTexts(a, b, options) {
      const provider = async (text: string | null, name: string): Promise<QualificationProvider> =>
        text === null ? candidate(store, 'active') : providerOf(text, name);
      return compareModels(store.qualification, await baseContext(options.at), await provider(a, 'model a'), await provider(b, 'model b'), options);
    },
    async adoptQualificationModel(file, options) {
      const { text } = loadQualificationModel(file);
      return adoptSource(deps, { text, file }, { author: options.author ?? userInfo().username, onProgress: options.onProgress });
    },
    async listModelVersions(kind) {
      const kinds = kind ? [kind] : (['funnel', 'qualification'] as const);
      const lists = await Promise.all(kinds.map((k) => store.models.list(k)));
      return lists.flat().map((r) => ({ kind: r.kind, modelId: r.modelId, version: r.version, author: r.author, createdAt: r.createdAt, active: r.active }));
    },
    async explainPerson(ref, options) {
      return explainPerson(store, await baseContext(options.at), ref, options.version);
    },
    async suggestProfile(request) {
      if (!(request.split > 0 && request.split <= 1)) throw new TandemError('BAD_INPUT', `--split must be above 0 and at most 1, not ${request.split}`, { place: { field: 'split' } });
      const { model: funnel } = await deps.funnel();
      const ctx: ReplayContext = { model: funnel, providers: [], at: request.at.toISOString() };
      const training = (id: string): boolean => request.split >= 1 || inTraining(id, request.seed, request.split);
      const stats = await collectValueStats(store.qualification, ctx, request.outcome, training);
      const baseRate = stats.people === 0 ? null : stats.outcomes / stats.people;
      const figures = valueFigures(stats.counts(), stats.people, stats.outcomes, request.minSupport);
      const rules = draftRules(figures, baseRate ?? 0);
      const header = [
        `Draft buyer profile suggested by \`tandem profile suggest --outcome ${request.outcome}\` on ${request.at.toISOString().slice(0, 10)}.`,
        `Learnt from ${stats.people} people (${request.split < 1 ? `${Math.round(request.split * 100)}% split, seed ${request.seed}` : 'everyone'}), ${stats.outcomes} reached ${request.outcome}.`,
        'Each rule: a value whose 95% interval lies wholly above (or below) the base rate. Edit freely,',
        'then: tandem profile check FILE; tandem model backtest FILE; tandem model adopt FILE.',
      ];
      const draft = (grades: { A: number; B: number; C: number }): string =>
        profileDraftYaml({ id: request.id, description: `Suggested from history: who reaches ${request.outcome}`, header, rules, grades });
      // Grades come from the draft's own scores on the training people: a first pass scores them.
      const provisional = new QualificationProvider(parseQualificationModel(draft({ A: 0, B: 0, C: 0 }), 'draft profile'));
      const fits: number[] = [];
      await runBacktest(store.qualification, ctx, [provisional], { from: null, to: null, include: training }, (p) => fits.push(p.outcomes[0]!.peakFit ?? 0));
      const text = draft(quartileGrades(fits));
      const final = new QualificationProvider(parseQualificationModel(text, 'draft profile'));
      const on = request.split < 1 ? ('holdout' as const) : ('training' as const);
      const include = on === 'holdout' ? (id: string) => !training(id) : training;
      const run = await runBacktest(store.qualification, ctx, [final], { from: null, to: null, include });
      const values = figures.filter((v) => v.n >= request.minSupport).sort((a, b) => b.lift - a.lift || b.n - a.n);
      return {
        outcome: request.outcome,
        split: request.split,
        seed: request.seed,
        minSupport: request.minSupport,
        people: stats.people,
        outcomes: stats.outcomes,
        baseRate,
        values,
        draft: text,
        draftVersion: final.version,
        evaluation: { on, report: backtestReport(run, 0, final, ctx, { from: null, to: null }) },
      };
    },
  };
}

