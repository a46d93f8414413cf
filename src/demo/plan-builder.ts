import { campaignNamed } from './campaigns.js';
import { salesforceId } from './export-formats.js';
import type { DealPlan, PersonPlan } from './person-plan.js';
import { PlanMaker } from './plan-maker.js';
import type { Depth, PlanSpec } from './plan-spec.js';
import { DAY, HOUR } from './plan-spec.js';
import type { Random } from './random.js';

export { DATA_END, DAY } from './plan-spec.js';
export type { Depth, PlanSpec } from './plan-spec.js';

const rank: Record<Depth, number> = { inquiry: 0, mql: 1, rejected: 1, sal: 2, nurtured: 2, unreachable: 2, reengaged: 2, sql: 3, sqlClosed: 3, opportunity: 4 };

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
