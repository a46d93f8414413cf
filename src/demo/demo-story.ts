import { BUYER_PROFILE } from './people.js';
import type { Grade, LeadStatus } from './person-plan.js';

export type QuarterId = '2024-Q1' | '2024-Q2' | '2024-Q3' | '2024-Q4';
export type Half = 'H1' | 'H2';

/**
 * How many of a quarter's new people (the cohort: the quarter they entered) reach each stage,
 * exactly, by construction. Counts are of people the marketing system holds (every inquiry,
 * sales-sourced ones included); `expectedFunnel` adds the deliberate disagreements.
 */
export interface QuarterQuota {
  readonly id: QuarterId;
  readonly half: Half;
  readonly from: string;
  readonly to: string;
  readonly inquiries: number;
  readonly mql: number;
  readonly sal: number;
  readonly sql: number;
  readonly opportunity: number;
  readonly won: number;
  readonly lost: number;
  /** MQLs sales rejected (CRM status Unqualified): not counted in `sal`. */
  readonly rejected: number;
  /** SALs parked in nurture by sales (status Nurturing). */
  readonly nurtured: number;
  /** SALs never connected after the contact policy ran out (status Unreachable; only after the fixes). */
  readonly unreachable: number;
  /** Of the unreachable, those the nurture program brought back (Recycled → Working). */
  readonly reengaged: number;
  /** SQLs that sales closed out (Qualified → Unqualified) instead of leaving them to age. */
  readonly sqlClosed: number;
  /** MQLs still waiting for sales at the end of the data (handed over in the last days of the quarter). */
  readonly mqlWaitingRecent: number;
}

export interface WonDeal {
  readonly quarter: QuarterId;
  /** USD, major units. */
  readonly amount: number;
  /**
   * Marketing-sourced: the person's first touch is a campaign membership (HubSpot activities) at
   * their creation, with the campaign and channel below. Sales-sourced: a rep created the lead
   * (Salesforce LeadSource `Outbound`, HubSpot Original Source `Offline sources` / `Salesforce`),
   * with no campaign touch before it; newsletter emails may follow.
   */
  readonly sourced: 'marketing' | 'sales';
  readonly channel: string | null;
  readonly campaign: string | null;
}

/** A person planted by hand so that the two systems disagree in a known way. */
export interface PlantedPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly quarter: QuarterId;
  /** Email as the marketing system has it (null: not in the marketing system). */
  readonly hubspotEmail: string | null;
  /** Email as the CRM has it. */
  readonly crmEmail: string;
  readonly crmStatus: LeadStatus;
}

const Q = (id: QuarterId, half: Half, from: string, to: string, q: Omit<QuarterQuota, 'id' | 'half' | 'from' | 'to'>): QuarterQuota => ({ id, half, from, to, ...q });

/**
 * The story `tandem demo` tells (DESIGN.md "The story it serves"), as parameters the generator
 * meets exactly and the tests assert: a weak buyer profile and a glut between mql and sal in H1;
 * after the fixes (2024-07-01) ~90% fewer inquiries, a healthy hand-off, and three times the deals.
 */
export const DEMO_STORY = {
  seed: 20_240_701,
  fixesLandOn: '2024-07-01',
  /** "Now" for the report's SLA ageing: the day after the last exported day. */
  reportAt: '2025-01-01T00:00:00.000Z',
  halves: {
    H1: { from: '2024-01-01', to: '2024-06-30' },
    H2: { from: '2024-07-01', to: '2024-12-31' },
  },
  quarters: [
    Q('2024-Q1', 'H1', '2024-01-01', '2024-03-31', { inquiries: 1080, mql: 500, sal: 75, sql: 30, opportunity: 10, won: 2, lost: 6, rejected: 90, nurtured: 10, unreachable: 0, reengaged: 0, sqlClosed: 0, mqlWaitingRecent: 0 }),
    Q('2024-Q2', 'H1', '2024-04-01', '2024-06-30', { inquiries: 1120, mql: 530, sal: 78, sql: 31, opportunity: 11, won: 2, lost: 7, rejected: 100, nurtured: 10, unreachable: 0, reengaged: 0, sqlClosed: 0, mqlWaitingRecent: 0 }),
    Q('2024-Q3', 'H2', '2024-07-01', '2024-09-30', { inquiries: 330, mql: 150, sal: 112, sql: 56, opportunity: 18, won: 4, lost: 10, rejected: 38, nurtured: 30, unreachable: 14, reengaged: 3, sqlClosed: 30, mqlWaitingRecent: 0 }),
    Q('2024-Q4', 'H2', '2024-10-01', '2024-12-31', { inquiries: 112, mql: 62, sal: 48, sql: 26, opportunity: 12, won: 6, lost: 3, rejected: 11, nurtured: 8, unreachable: 5, reengaged: 1, sqlClosed: 6, mqlWaitingRecent: 3 }),
  ] as readonly QuarterQuota[],
  /** Every won deal, in quarter order. H1: 4 deals, $1,000,000, $700,000 (70%) marketing-sourced. Q4 = 3 × Q2 in count and amount. */
  wonDeals: [
    { quarter: '2024-Q1', amount: 250_000, sourced: 'marketing', channel: 'paid_search', campaign: '2024-H1 Paid Search – Generic Terms' },
    { quarter: '2024-Q1', amount: 300_000, sourced: 'sales', channel: null, campaign: null },
    { quarter: '2024-Q2', amount: 200_000, sourced: 'marketing', channel: 'webinar', campaign: '2024-Q2 Webinar – Funnel Metrics 101' },
    { quarter: '2024-Q2', amount: 250_000, sourced: 'marketing', channel: 'events', campaign: '2024-Q2 Trade Show – SaaS Connect' },
    { quarter: '2024-Q3', amount: 240_000, sourced: 'marketing', channel: 'paid_search', campaign: '2024-H2 Paid Search – Revenue Operations Buyers' },
    { quarter: '2024-Q3', amount: 210_000, sourced: 'marketing', channel: 'webinar', campaign: '2024-Q3 Webinar – Fixing the MQL Hand-off' },
    { quarter: '2024-Q3', amount: 260_000, sourced: 'sales', channel: null, campaign: null },
    { quarter: '2024-Q3', amount: 190_000, sourced: 'marketing', channel: 'referral', campaign: 'Customer Referral Program' },
    { quarter: '2024-Q4', amount: 250_000, sourced: 'marketing', channel: 'events', campaign: '2024-Q4 Executive Roundtable – Riyadh' },
    { quarter: '2024-Q4', amount: 220_000, sourced: 'marketing', channel: 'paid_search', campaign: '2024-H2 Paid Search – Revenue Operations Buyers' },
    { quarter: '2024-Q4', amount: 230_000, sourced: 'marketing', channel: 'referral', campaign: 'Customer Referral Program' },
    { quarter: '2024-Q4', amount: 200_000, sourced: 'marketing', channel: 'organic_search', campaign: 'Organic Search' },
    { quarter: '2024-Q4', amount: 250_000, sourced: 'sales', channel: null, campaign: null },
    { quarter: '2024-Q4', amount: 200_000, sourced: 'marketing', channel: 'email', campaign: 'Monthly Newsletter' },
  ] as readonly WonDeal[],
  /** Won revenue by who sourced it (sums of `wonDeals`, USD), by the half the people entered. */
  sourced: {
    H1: { total: 1_000_000, marketing: 700_000, sales: 300_000 },
    H2: { total: 2_250_000, marketing: 1_740_000, sales: 510_000 },
  },
  /** The corrected buyer profile: grade = how many of industry, size, seniority a person meets (3 → A … 0 → D). */
  buyerProfile: BUYER_PROFILE,
  /** Share of each fit grade by how deep people went, before and after the buyer profile was corrected. */
  gradeMix: {
    H1: { deal: { A: 0.7, B: 0.3, C: 0, D: 0 }, sal: { A: 0.4, B: 0.4, C: 0.2, D: 0 }, mql: { A: 0.05, B: 0.15, C: 0.35, D: 0.45 }, inquiry: { A: 0.03, B: 0.1, C: 0.3, D: 0.57 } },
    H2: { deal: { A: 0.7, B: 0.3, C: 0, D: 0 }, sal: { A: 0.5, B: 0.4, C: 0.1, D: 0 }, mql: { A: 0.3, B: 0.4, C: 0.25, D: 0.05 }, inquiry: { A: 0.2, B: 0.4, C: 0.3, D: 0.1 } },
  } as Readonly<Record<Half, Readonly<Record<'deal' | 'sal' | 'mql' | 'inquiry', Readonly<Record<Grade, number>>>>>>,
  /**
   * The contact policy sales follows after the fixes: touches within `days` of acceptance, then
   * unreachable. In Task.csv a connected call is one row (type call_connect after import), not an
   * attempt row plus a connect row: count connects as attempts too.
   */
  contactPolicy: { emails: 3, calls: 4, days: 10, unreachableAfterDays: 14 },
  /**
   * The stage content catalogue (content-catalogue.ts, written beside the exports): in H1 no
   * piece serves `gapStage`, so sales has nothing to send there; `coveredBy` arrives with the fixes.
   */
  content: { gapStage: 'sql', coveredBy: 'guide-sql-discovery' },
  /** Deliberate disagreements between the two systems (reconciliation must find each). */
  disagreements: {
    /** Same person, email differs only in case: must merge into one person. */
    emailCase: { firstName: 'Layla', lastName: 'Haddad', company: 'Fabrikam Software', quarter: '2024-Q2', hubspotEmail: 'Layla.Haddad@Fabrikam.example', crmEmail: 'layla.haddad@fabrikam.example', crmStatus: 'Working' },
    /** Same person with a `+tag` in the marketing system: lands as two persons until reconciled. */
    plusTag: { firstName: 'عمر', lastName: 'نصار', company: 'مجموعة الخليج المالية', quarter: '2024-Q1', hubspotEmail: 'omar.nassar+webinar@gulf-financial.example', crmEmail: 'omar.nassar@gulf-financial.example', crmStatus: 'Working' },
    /** A customer in the marketing system (lifecycle Customer) that the CRM holds as an open lead, with no deal. */
    customerVsOpenLead: { firstName: 'Grace', lastName: 'Okafor', company: 'Contoso Financial', quarter: '2024-Q3', hubspotEmail: 'grace.okafor@contoso-financial.example', crmEmail: 'grace.okafor@contoso-financial.example', crmStatus: 'Working' },
    /** Leads only the CRM has (partner referrals and phone inquiries sales typed in). */
    crmOnlyLeads: [
      { firstName: 'Ethan', lastName: 'Brooks', company: 'Litware Systems', quarter: '2024-Q1', hubspotEmail: null, crmEmail: 'ethan.brooks@litware.example', crmStatus: 'New' },
      { firstName: 'Chloe', lastName: 'Dubois', company: 'Woodgrove Bank', quarter: '2024-Q1', hubspotEmail: null, crmEmail: 'chloe.dubois@woodgrove.example', crmStatus: 'New' },
      { firstName: 'خالد', lastName: 'الحربي', company: 'النخبة للخدمات اللوجستية', quarter: '2024-Q1', hubspotEmail: null, crmEmail: 'khalid.alharbi@elite-logistics.example', crmStatus: 'Working' },
      { firstName: 'Marcus', lastName: 'Webb', company: 'Tailspin Freight', quarter: '2024-Q1', hubspotEmail: null, crmEmail: 'marcus.webb@tailspin-freight.example', crmStatus: 'New' },
      { firstName: 'Ana', lastName: 'Costa', company: 'Adatum Cloud', quarter: '2024-Q1', hubspotEmail: null, crmEmail: 'ana.costa@adatum.example', crmStatus: 'Working' },
    ] as readonly PlantedPerson[],
    /** An opportunity on an account no person belongs to (a domain no email or website has). Open, so won figures are untouched. */
    unknownAccountOpportunity: { name: 'أفق الخليج للتجارة – Orbit Platform', accountName: 'أفق الخليج للتجارة', website: 'https://www.gulf-horizon-trading.example', amount: 180_000, status: 'open', createdAt: '2024-11-05T10:00:00.000Z', closeDate: '2025-02-28' },
  },
} as const;

export type DemoStory = typeof DEMO_STORY;

export function quarterQuota(id: QuarterId): QuarterQuota {
  return DEMO_STORY.quarters.find((q) => q.id === id)!;
}

/** Funnel figures a cohort shows after import, before any reconciliation: the quotas plus the planted people. */
export interface ExpectedCohort {
  readonly inquiry: number;
  readonly mql: number;
  readonly sal: number;
  readonly sql: number;
  readonly opportunity: number;
  /** Reached won (journeys). The marketing-only customer is not one: the CRM wins the stage (source precedence). */
  readonly won: number;
  readonly wonDeals: number;
  readonly lostDeals: number;
  readonly wonAmount: number;
}

const SAL_OR_LATER: readonly LeadStatus[] = ['Working', 'Nurturing', 'Qualified', 'Converted', 'Unreachable', 'Recycled'];

/** What the funnel report must show for quarters (a cohort), derived from DEMO_STORY alone. */
export function expectedCohort(quarters: readonly QuarterId[]): ExpectedCohort {
  const qs = DEMO_STORY.quarters.filter((q) => quarters.includes(q.id));
  const sum = (f: (q: QuarterQuota) => number): number => qs.reduce((n, q) => n + f(q), 0);
  const d = DEMO_STORY.disagreements;
  const planted = d.crmOnlyLeads.filter((p) => quarters.includes(p.quarter));
  // The +tag person lands twice: the marketing record (an MQL) and the CRM lead (a SAL).
  const twin = quarters.includes(d.plusTag.quarter) ? 1 : 0;
  const deals = DEMO_STORY.wonDeals.filter((w) => quarters.includes(w.quarter));
  return {
    inquiry: sum((q) => q.inquiries) + planted.length + twin,
    mql: sum((q) => q.mql) + planted.length + twin,
    sal: sum((q) => q.sal) + planted.filter((p) => SAL_OR_LATER.includes(p.crmStatus)).length,
    // The customer-vs-open-lead person counts where the CRM has her (sal), not as a customer:
    // the CRM wins a contradicted stage (the funnel model's precedence; `tandem reconcile` lists her).
    sql: sum((q) => q.sql),
    opportunity: sum((q) => q.opportunity),
    won: sum((q) => q.won),
    wonDeals: deals.length,
    lostDeals: sum((q) => q.lost),
    wonAmount: deals.reduce((n, w) => n + w.amount, 0),
  };
}
