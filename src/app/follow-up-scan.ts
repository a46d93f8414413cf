import type { Activity, Opportunity, Person } from '../domain/entities.js';
import type { FollowUpProvider, RunOf } from '../domain/follow-up-provider.js';
import type { Timeline } from '../domain/lifecycle.js';
import type { Enrollment } from '../domain/nurture-enrollment.js';
import type { PolicyRunState } from '../domain/policy-run.js';
import type { FollowUpStore, PersonFollowUp } from './ports/follow-up-store.js';
import { timelineOf } from './replay.js';
import type { ReplayContext } from './replay.js';

/** What follow-up runs under: the replay context at a time, and the contact policy / nurture provider in it. */
export interface FollowUpSetup {
  readonly ctx: ReplayContext;
  readonly provider: FollowUpProvider;
}

/** One person as follow-up sees them at the context's time. */
export interface FollowUpView {
  readonly person: Person;
  readonly activities: readonly Activity[];
  readonly opportunities: readonly Opportunity[];
  readonly timeline: Timeline;
  readonly runs: readonly RunOf<PolicyRunState>[];
  readonly enrollments: readonly RunOf<Enrollment>[];
}

const PAGE = 2000;

/**
 * The team an owner without a team in the mail settings works for: the team that owns the
 * stage where the policy starts (sales, in the default model), accountable for that follow-up.
 */
export function policyTeam(setup: FollowUpSetup): string | null {
  return setup.ctx.model.stages.find((s) => s.id === setup.provider.policy.startStage)?.owner ?? null;
}

export function viewOf(setup: FollowUpSetup, p: PersonFollowUp): FollowUpView {
  const timeline = timelineOf(setup.ctx, p);
  const history = { person: p.person, activities: p.activities };
  return {
    person: p.person,
    activities: p.activities,
    opportunities: p.opportunities,
    timeline,
    runs: setup.provider.runs(timeline, history, setup.ctx.at),
    enrollments: setup.provider.enrollments(timeline, history, setup.ctx.at),
  };
}

/**
 * Visits everyone (or the given people) the policy or the program concerns, page by page,
 * replayed at the context's time. People who never enter either stage have no runs and no
 * enrollments: they are not replayed at all.
 */
export async function scanPeople(
  store: FollowUpStore,
  setup: FollowUpSetup,
  visit: (views: readonly FollowUpView[]) => void | Promise<void>,
  personIds?: readonly string[],
): Promise<void> {
  if (personIds) {
    for (let i = 0; i < personIds.length; i += PAGE) {
      await visit(concerned(setup, await store.people(personIds.slice(i, i + PAGE))));
    }
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page = await store.pagePeople(after, PAGE);
    if (page.length === 0) return;
    await visit(concerned(setup, page));
    after = page[page.length - 1]!.personId;
  }
}

function concerned(setup: FollowUpSetup, people: readonly PersonFollowUp[]): FollowUpView[] {
  return people.filter((p) => setup.provider.concerns(p.activities)).map((p) => viewOf(setup, p));
}

/**
 * Whether a stay is still going on at a time. The engine replays every known activity, so a
 * stay can have ended after `at` (when the time asked about is in the past): open then.
 */
export function openAt(span: { readonly exitedAt: string | null }, at: string): boolean {
  return span.exitedAt === null || span.exitedAt > at;
}

/** The display name of a person: their name, else their email, else their id. */
export function displayName(p: Person): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || p.email || p.id;
}

/** One person's policy runs and enrollments at a time: the "explain" view. */
export interface PersonFollowUpState {
  readonly personId: string;
  readonly name: string;
  readonly owner: string | null;
  readonly at: string;
  readonly currentStage: string | null;
  readonly transitions: readonly { readonly from: string | null; readonly to: string; readonly at: string; readonly reason: string }[];
  readonly runs: FollowUpView['runs'];
  readonly enrollments: FollowUpView['enrollments'];
}

export async function personFollowUpState(store: FollowUpStore, setup: FollowUpSetup, idOrEmail: string): Promise<PersonFollowUpState | null> {
  const id = await store.findPerson(idOrEmail);
  if (id === null) return null;
  const [p] = await store.people([id]);
  if (!p) return null;
  const v = viewOf(setup, p);
  return {
    personId: id,
    name: displayName(v.person),
    owner: v.person.owner,
    at: setup.ctx.at,
    currentStage: v.timeline.journey.currentStage,
    transitions: v.timeline.transitions.filter((t) => t.at <= setup.ctx.at).map((t) => ({ from: t.fromStage, to: t.toStage, at: t.at, reason: t.reason })),
    runs: v.runs,
    enrollments: v.enrollments,
  };
}
