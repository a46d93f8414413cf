import { campaignNamed } from './campaigns.js';
import type { Campaign } from './campaigns.js';
import { piecesFor, urlVariant, CONTENT_SITE } from './content-catalogue.js';
import { salesforceId } from './export-formats.js';
import type { Identity } from './people.js';
import type { DealPlan, Grade, LeadStatus, MarketingTouch, PersonPlan, SalesTouch } from './person-plan.js';
import type { Random } from './random.js';
import type { Half } from './demo-story.js';

export const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Nothing happens after this: the exports were taken on 2025-01-02. */
export const DATA_END = Date.parse('2024-12-31T20:00:00.000Z');

/** How far a person goes. `opportunity` comes with a deal outcome. */
export type Depth = 'inquiry' | 'mql' | 'rejected' | 'sal' | 'nurtured' | 'unreachable' | 'reengaged' | 'sql' | 'sqlClosed' | 'opportunity';

export interface PlanSpec {
  readonly seq: number;
  readonly half: Half;
  readonly createdAt: number;
  readonly depth: Depth;
  readonly deal?: { readonly status: 'won' | 'lost' | 'open'; readonly amount: number };
  readonly grade: Grade;
  readonly who: Identity;
  /** The campaign that brought the person in; null: a rep created the lead (sales-sourced). */
  readonly campaign: Campaign | null;
  readonly owner: string;
  /** Cap on newsletter months (the scale generator uses it to hold activities per person). */
  readonly newsletterMonths?: number;
  /** Qualifies within hours (for people handed over in the last days of the data). */
  readonly quickMql?: boolean;
}

const SITE_PAGES = ['/', '/product', '/pricing', '/blog/what-is-an-mql', '/blog/sales-and-marketing-alignment', '/customers'];
const FORMS: Record<string, string> = {
  paid_search: 'Demo request', paid_social: 'eBook download', webinar: 'Webinar registration', events: 'Event registration',
  referral: 'Referral form', email: 'Contact us', organic_search: 'Contact us', content_syndication: 'eBook download',
};

const SEQUENCE: readonly { kind: 'email' | 'call'; day: number }[] = [
  { kind: 'email', day: 0.05 }, { kind: 'call', day: 0.1 }, { kind: 'call', day: 2 }, { kind: 'email', day: 3 },
  { kind: 'call', day: 5 }, { kind: 'email', day: 8 }, { kind: 'call', day: 10 },
];

const rank: Record<Depth, number> = { inquiry: 0, mql: 1, rejected: 1, sal: 2, nurtured: 2, unreachable: 2, reengaged: 2, sql: 3, sqlClosed: 3, opportunity: 4 };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (ms: number): string => `${MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCFullYear()}`;

class PlanMaker {
  readonly marketing: MarketingTouch[] = [];
  readonly sales: SalesTouch[] = [];
  readonly statuses: { status: LeadStatus; at: number }[] = [];

  constructor(
    readonly rnd: Random,
    readonly spec: PlanSpec,
  ) {}

  touch(type: MarketingTouch['type'], at: number, more: Partial<Omit<MarketingTouch, 'type' | 'at'>> = {}): void {
    if (at > DATA_END) return;
    this.marketing.push({ type, at, campaign: null, channel: null, url: null, title: null, subject: null, form: null, ...more });
  }

  call(at: number, connected: boolean, subject = 'Call'): void {
    if (at <= DATA_END) this.sales.push({ kind: 'call', at, owner: this.spec.owner, connected, subject, url: null });
  }

  salesEmail(at: number, subject: string, url: string | null): void {
    if (at <= DATA_END) this.sales.push({ kind: 'email', at, owner: this.spec.owner, connected: false, subject, url });
  }

  meeting(at: number, subject: string, url: string | null): void {
    if (at <= DATA_END) this.sales.push({ kind: 'meeting', at, owner: this.spec.owner, connected: true, subject, url });
  }

  status(status: LeadStatus, at: number): void {
    this.statuses.push({ status, at: Math.min(at, DATA_END) });
  }

  contentUrl(stage: 'inquiry' | 'mql' | 'sal' | 'sql' | 'opportunity', at: number, medium: string, campaign: string | null): { url: string; title: string } | null {
    const day = new Date(at).toISOString().slice(0, 10);
    const pieces = piecesFor(stage, day).filter((p) => p.language === (this.spec.who.arabic ? p.language : 'en'));
    if (pieces.length === 0) return null;
    const p = this.rnd.pick(pieces);
    return { url: urlVariant(this.rnd, p.url, campaign, medium), title: p.title };
  }

  /** The first touches: how the campaign brought the person in. */
  acquisition(): void {
    const { createdAt, campaign } = this.spec;
    if (!campaign) return;
    const base = { campaign: campaign.name, channel: campaign.channel };
    this.touch('campaign_member', createdAt - 60_000, base);
    if (campaign.channel === 'content_syndication') {
      const c = this.contentUrl('inquiry', createdAt, 'syndication', campaign.name);
      this.touch('download', createdAt, { ...base, url: c?.url ?? null, title: c?.title ?? null });
      return;
    }
    this.touch('form_fill', createdAt, { ...base, form: FORMS[campaign.channel] ?? 'Contact us', url: `${CONTENT_SITE}/${campaign.channel === 'webinar' ? 'webinars' : 'contact'}` });
    if (campaign.channel === 'events') this.touch('event_attended', createdAt + 3 * DAY, base);
  }

  browsing(): void {
    const n = this.rnd.int(0, 3);
    for (let i = 0; i < n; i++) {
      const at = this.spec.createdAt + this.rnd.float() * 30 * DAY;
      this.touch('page_view', at, { url: `${CONTENT_SITE}${this.rnd.pick(SITE_PAGES)}` });
    }
  }

  newsletter(): void {
    // About half the people subscribe to the newsletter (at scale everyone does, to fill the activity budget).
    if (this.spec.newsletterMonths === undefined && !this.rnd.chance(0.5)) return;
    const nl = campaignNamed('Monthly Newsletter');
    const d = new Date(this.spec.createdAt);
    let month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 10);
    for (let i = 0; i < (this.spec.newsletterMonths ?? 12) && month <= DATA_END; i++) {
      const subject = `Orbit Monthly – ${monthName(month)}`;
      const base = { campaign: nl.name, channel: nl.channel, subject };
      this.touch('email_sent', month, base);
      if (this.rnd.chance(0.3)) {
        this.touch('email_open', month + this.rnd.float() * 2 * DAY, base);
        if (this.rnd.chance(0.2)) {
          const c = this.contentUrl('inquiry', month, 'email', nl.name);
          this.touch('email_click', month + 2 * DAY, { ...base, url: c?.url ?? null });
        }
      }
      month = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1, 10);
    }
  }

  /** The H2 contact policy: emails and calls until one connects; none → unreachable. Returns when it connected. */
  cadence(from: number, connects: boolean): number | null {
    const connectOn = connects ? this.rnd.int(1, 3) : 0;
    let calls = 0;
    for (const step of SEQUENCE) {
      const at = from + step.day * DAY + this.rnd.float() * 2 * HOUR;
      if (step.kind === 'email') {
        const c = this.contentUrl('sal', at, 'email', null);
        this.salesEmail(at, 'Email: Following up on your request', c?.url ?? null);
      } else {
        calls++;
        const connected = calls === connectOn;
        this.call(at, connected);
        if (connected) return at;
      }
    }
    return null;
  }
}

/** A person's whole plan in both systems, from what the spec says they reach. */
export function buildPlan(rnd: Random, spec: PlanSpec): PersonPlan {
  const m = new PlanMaker(rnd, spec);
  const { createdAt, depth, who, half } = spec;
  const h2 = half === 'H2';
  const r = rank[depth];
  m.acquisition();
  m.browsing();
  m.newsletter();

  let mqlAt: number | undefined;
  let sqlAt: number | undefined;
  let oppAt: number | undefined;
  let closeAt: number | undefined;
  let crmCreatedAt: number | null = null;
  const salesSourced = spec.campaign === null;

  if (salesSourced) {
    crmCreatedAt = createdAt;
    m.status('Working', createdAt + HOUR);
  } else if (r >= 1) {
    mqlAt = createdAt + (spec.quickMql ? 0.1 + rnd.float() * 0.5 : h2 ? 1 + rnd.float() * 13 : rnd.float() * 7) * DAY;
    const c = m.contentUrl('mql', mqlAt - 2 * HOUR, 'web', spec.campaign?.name ?? null);
    if (c) m.touch('download', mqlAt - 2 * HOUR, { url: c.url, title: c.title, campaign: spec.campaign?.name ?? null, channel: spec.campaign?.channel ?? null });
    crmCreatedAt = mqlAt + 60_000;
    m.status('New', crmCreatedAt);
  }
  if (depth === 'rejected') m.status('Unqualified', mqlAt! + (h2 ? 1 + rnd.float() * 2 : 10 + rnd.float() * 50) * DAY);

  let connectedAt: number | null = null;
  let salAt: number | undefined;
  if (r >= 2) {
    salAt = salesSourced ? createdAt + HOUR : mqlAt! + (h2 ? 0.1 + rnd.float() * 1.9 : 5 + rnd.float() * 35) * DAY;
    if (!salesSourced) m.status('Working', salAt);
    const mustConnect = r >= 3 || depth === 'nurtured';
    if (h2) {
      connectedAt = m.cadence(salAt, depth !== 'unreachable' && depth !== 'reengaged' && (mustConnect ? true : rnd.chance(0.8)));
    } else if (r >= 3) {
      connectedAt = salAt + (1 + rnd.float() * 4) * DAY;
      m.call(connectedAt, true);
    } else {
      // Before the contact policy: a call or two, an email maybe, often nothing at all.
      const calls = rnd.int(0, 2);
      for (let i = 0; i < calls; i++) m.call(salAt + (1 + rnd.float() * 20) * DAY, rnd.chance(0.3));
      if (rnd.chance(0.5)) m.salesEmail(salAt + (2 + rnd.float() * 20) * DAY, 'Email: Checking in', null);
    }
  }
  if (depth === 'nurtured') m.status('Nurturing', salAt! + (10 + rnd.float() * 20) * DAY);
  if (depth === 'unreachable' || depth === 'reengaged') {
    const unreachableAt = salAt! + (14 + rnd.float() * 2) * DAY;
    m.status('Unreachable', unreachableAt);
    const nurture = campaignNamed('Unreachable Nurture');
    for (let i = 0; i < 3; i++) {
      const at = unreachableAt + (1 + i * 7) * DAY;
      const c = m.contentUrl('sal', at, 'email', nurture.name);
      m.touch('email_sent', at, { campaign: nurture.name, channel: nurture.channel, subject: 'Still worth a look?', url: c?.url ?? null });
      if (depth === 'reengaged' && i === 1) {
        m.touch('email_open', at + HOUR, { campaign: nurture.name, channel: nurture.channel, subject: 'Still worth a look?' });
        m.touch('email_click', at + 2 * HOUR, { campaign: nurture.name, channel: nurture.channel, subject: 'Still worth a look?', url: c?.url ?? null });
        m.status('Recycled', at + 3 * HOUR);
        m.status('Working', at + DAY);
        m.call(at + DAY + HOUR, true, 'Call: re-engaged from nurture');
      }
    }
  }
  if (r >= 3) {
    sqlAt = Math.max(connectedAt ?? salAt!, salAt!) + (h2 ? 5 + rnd.float() * 10 : 10 + rnd.float() * 20) * DAY;
    m.status('Qualified', sqlAt);
    const c = m.contentUrl('sql', sqlAt, 'meeting', null);
    m.meeting(sqlAt, 'Meeting: Discovery', c?.url ?? null);
  }
  if (depth === 'sqlClosed') m.status('Unqualified', sqlAt! + (10 + rnd.float() * 20) * DAY);
  let deal: DealPlan | null = null;
  if (r >= 4) {
    oppAt = sqlAt! + (5 + rnd.float() * 7) * DAY;
    m.status('Converted', oppAt);
    const demo = m.contentUrl('opportunity', oppAt + 2 * DAY, 'meeting', null);
    m.meeting(oppAt + 2 * DAY, 'Meeting: Demo', demo?.url ?? null);
    const status = spec.deal!.status;
    const cap = Date.parse(status === 'won' ? '2024-12-20T16:00:00Z' : '2024-12-28T16:00:00Z');
    closeAt = status === 'open' ? oppAt + (60 + rnd.float() * 60) * DAY : Math.min(cap, oppAt + (status === 'won' ? 25 + rnd.float() * 20 : 20 + rnd.float() * 40) * DAY);
    const pricing = m.contentUrl('opportunity', oppAt + 7 * DAY, 'email', null);
    m.salesEmail(oppAt + 7 * DAY, 'Email: Proposal and pricing', pricing?.url ?? null);
    deal = {
      id: salesforceId('006', spec.seq),
      name: `${who.company} – Orbit Platform`,
      amount: spec.deal!.amount,
      createdAt: oppAt,
      closeDate: closeAt,
      status,
      stageName: status === 'won' ? 'Closed Won' : status === 'lost' ? 'Closed Lost' : 'Proposal/Price Quote',
      leadSource: spec.campaign?.leadSource ?? 'Outbound',
      campaignId: spec.campaign?.id ?? null,
      owner: spec.owner,
      accountName: who.company,
      accountWebsite: who.website ?? `https://www.${who.email.split('@')[1]}`,
      contactEmail: who.email.toLowerCase(),
    };
  }

  const last = m.statuses[m.statuses.length - 1]?.status;
  const lifecycleStage = deal?.status === 'won' ? 'Customer' : r >= 4 ? 'Opportunity' : r >= 3 ? 'Sales Qualified Lead' : r >= 1 || salesSourced ? 'Marketing Qualified Lead' : 'Lead';
  const hubspotLeadStatus = last === undefined ? null
    : last === 'New' ? 'New'
    : last === 'Unqualified' ? 'Unqualified'
    : last === 'Nurturing' ? 'Bad Timing'
    : last === 'Unreachable' ? 'Attempted to Contact'
    : last === 'Qualified' || last === 'Converted' ? 'Open Deal'
    : connectedAt !== null ? 'Connected' : 'In Progress';
  const leadSourceOf = spec.campaign?.leadSource ?? 'Outbound';
  return {
    hubspotId: String(51_000_000_000 + spec.seq),
    leadId: crmCreatedAt === null ? null : salesforceId('00Q', spec.seq),
    firstName: who.firstName,
    lastName: who.lastName,
    email: who.email,
    crmEmail: who.email,
    phone: who.phone,
    company: who.company,
    website: who.website,
    industry: who.industry,
    title: who.title,
    employees: who.employees,
    country: who.country,
    grade: spec.grade,
    createdAt,
    originalSource: spec.campaign?.hubspotSource ?? 'Offline sources',
    originalSourceDetail: spec.campaign?.name ?? 'Salesforce',
    leadSource: leadSourceOf,
    owner: r >= 1 || salesSourced ? spec.owner : null,
    became: {
      lead: createdAt,
      ...(mqlAt !== undefined ? { mql: mqlAt } : {}),
      ...(sqlAt !== undefined ? { sql: sqlAt } : {}),
      ...(oppAt !== undefined ? { opportunity: oppAt } : {}),
      ...(deal?.status === 'won' ? { customer: closeAt! } : {}),
    },
    lifecycleStage,
    hubspotLeadStatus,
    statuses: m.statuses,
    crmCreatedAt,
    marketing: m.marketing.sort((a, b) => a.at - b.at),
    sales: m.sales.sort((a, b) => a.at - b.at),
    deal,
  };
}
