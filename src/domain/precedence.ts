/**
 * Source precedence: which system's value Tandem uses, field by field, when both systems
 * supply one. Part of the funnel model (its `precedence` section), so both teams agree on it.
 */

/** What role a source system plays. Systems the policy does not name are `other`. */
export const SYSTEM_KINDS = ['crm', 'marketing', 'other'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/**
 * One preference in a rule: a system kind (`crm`, `marketing`), a system name (the `system:`
 * of a mapping file, e.g. `salesforce`), or `recent` (the most recently updated record).
 */
export type Preference = string;

export interface PrecedencePolicy {
  /** The kind of each known system, by name. */
  readonly systems: Readonly<Record<string, Exclude<SystemKind, 'other'>>>;
  /** Per field or group name: preferences in order; the first that supplies a value wins. */
  readonly fields: Readonly<Record<string, readonly Preference[]>>;
  /** Group name → the fields (person fields in camelCase, imported columns in snake_case) it covers. */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** The rule for a field no entry names. */
  readonly fallback: readonly Preference[];
}

/** Person fields merged by precedence (the `persons` columns a mapping can feed). */
export const MERGED_PERSON_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'company',
  'owner',
  'source',
  'country',
  'industry',
  'title',
  'doNotCall',
  'doNotEmail',
] as const;
export type MergedPersonField = (typeof MERGED_PERSON_FIELDS)[number];

/** Fields decided from activities rather than person columns: each system's stage of the person. */
export const STATUS_FIELDS = ['stage', 'opportunityStage'] as const;

/**
 * The defaults: the CRM is the system of record for who owns a person and how far sales got
 * with them; marketing automation for engagement and consent; contact details change, so the
 * most recently updated record wins them.
 */
export const DEFAULT_PRECEDENCE: PrecedencePolicy = {
  systems: {
    salesforce: 'crm',
    pipedrive: 'crm',
    dynamics: 'crm',
    zoho: 'crm',
    crm: 'crm',
    hubspot: 'marketing',
    marketo: 'marketing',
    mautic: 'marketing',
    'act-on': 'marketing',
    pardot: 'marketing',
    eloqua: 'marketing',
    marketing: 'marketing',
  },
  fields: {
    owner: ['crm'],
    stage: ['crm'],
    opportunityStage: ['crm'],
    status: ['crm'],
    engagement: ['marketing'],
    subscription: ['marketing'],
    contact: ['recent'],
  },
  groups: {
    contact: ['email', 'firstName', 'lastName', 'title', 'company', 'country', 'industry', 'phone', 'mobile_phone', 'city'],
    subscription: [
      'doNotEmail',
      'doNotCall',
      'unsubscribed_from_all_email',
      'marketing_contact_status',
      'email_opt_out',
      'has_opted_out_of_email',
      'unsubscribed',
    ],
    engagement: ['score', 'lead_score', 'hubspot_score', 'hub_spot_score', 'behavior_score', 'engagement_score', 'points', 'last_activity_date', 'last_engagement_date'],
    status: ['lead_status', 'status'],
  },
  fallback: ['recent'],
};

/** The kind of a system: as the policy names it, else `other`. */
export function kindOf(policy: PrecedencePolicy, system: string): SystemKind {
  return policy.systems[system] ?? policy.systems[system.toLowerCase()] ?? 'other';
}

export interface Rule {
  readonly preferences: readonly Preference[];
  /** Where the rule comes from, for reports: `owner`, `group contact`, or `default`. */
  readonly from: string;
}

/** The rule for a field: its own entry, else its group's, else the fallback. */
export function ruleFor(policy: PrecedencePolicy, field: string): Rule {
  const own = policy.fields[field];
  if (own) return { preferences: own, from: field };
  for (const [group, members] of Object.entries(policy.groups)) {
    const rule = policy.fields[group];
    if (rule && members.includes(field)) return { preferences: rule, from: `group ${group}` };
  }
  return { preferences: policy.fallback, from: 'default' };
}

/** One system's value of a field, with what makes it more or less recent. */
export interface Candidate<T> {
  readonly source: string;
  readonly value: T;
  /** UTC ISO time the value is current as of (the record's update time, or when Tandem first saw it). */
  readonly asOf: string;
  /** Breaks ties between equally recent values deterministically (e.g. file and row). */
  readonly order: string;
}

function newer<C extends Candidate<unknown>>(a: C, b: C): C {
  if (a.asOf !== b.asOf) return a.asOf > b.asOf ? a : b;
  if (a.order !== b.order) return a.order > b.order ? a : b;
  return a.source >= b.source ? a : b;
}

function mostRecent<C extends Candidate<unknown>>(candidates: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of candidates) best = best === null ? c : newer(best, c);
  return best;
}

function matches(policy: PrecedencePolicy, preference: Preference, source: string): boolean {
  if (preference === 'recent') return true;
  if (preference === 'crm' || preference === 'marketing') return kindOf(policy, source) === preference;
  return preference === source;
}

/**
 * The winning value of a field among candidates (empty values never win): the first
 * preference that any candidate matches, the most recent among those; when no preference
 * matches, the most recent of all.
 */
export function pickCandidate<C extends Candidate<unknown>>(policy: PrecedencePolicy, field: string, candidates: readonly C[]): C | null {
  const present = candidates.filter((c) => c.value !== null && c.value !== undefined && c.value !== '');
  if (present.length === 0) return null;
  for (const preference of ruleFor(policy, field).preferences) {
    const hit = mostRecent(present.filter((c) => matches(policy, preference, c.source)));
    if (hit) return hit;
  }
  return mostRecent(present);
}
