import { ACQUISITION_MIX, CAMPAIGNS, campaignNamed } from './campaigns.js';
import type { Campaign } from './campaigns.js';
import { catalogueYaml } from './content-catalogue.js';
import { DEMO_STORY } from './demo-story.js';
import type { PlantedPerson, QuarterQuota } from './demo-story.js';
import { salesforceId } from './export-formats.js';
import { ExportWriter } from './export-writer.js';
import { identity, SALES_REPS } from './people.js';
import type { Identity } from './people.js';
import type { Grade, PersonPlan } from './person-plan.js';
import { buildPlan, DAY } from './plan-builder.js';
import type { Depth, PlanSpec } from './plan-builder.js';
import { Random } from './random.js';

interface Slot {
  readonly depth: Depth;
  readonly deal?: { status: 'won' | 'lost' | 'open'; amount: number; campaign?: string | null };
  /** Handed over in the quarter's last days: still waiting for sales when the data ends. */
  readonly recent?: boolean;
}

/** The quarter's people by how far each goes, exactly as the quota says. */
function slots(q: QuarterQuota, rnd: Random): Slot[] {
  const won = DEMO_STORY.wonDeals.filter((w) => w.quarter === q.id);
  if (won.length !== q.won) throw new Error(`${q.id}: ${won.length} won deals listed, quota says ${q.won}`);
  const out: Slot[] = [];
  const add = (n: number, s: () => Slot): void => {
    for (let i = 0; i < n; i++) out.push(s());
  };
  for (const w of won) out.push({ depth: 'opportunity', deal: { status: 'won', amount: w.amount, campaign: w.campaign } });
  const price = (): number => rnd.int(150, 320) * 1000;
  add(q.lost, () => ({ depth: 'opportunity', deal: { status: 'lost', amount: price() } }));
  add(q.opportunity - q.won - q.lost, () => ({ depth: 'opportunity', deal: { status: 'open', amount: price() } }));
  add(q.sqlClosed, () => ({ depth: 'sqlClosed' }));
  add(q.sql - q.opportunity - q.sqlClosed, () => ({ depth: 'sql' }));
  add(q.nurtured, () => ({ depth: 'nurtured' }));
  add(q.reengaged, () => ({ depth: 'reengaged' }));
  add(q.unreachable - q.reengaged, () => ({ depth: 'unreachable' }));
  add(q.sal - q.sql - q.nurtured - q.unreachable, () => ({ depth: 'sal' }));
  add(q.rejected, () => ({ depth: 'rejected' }));
  add(q.mqlWaitingRecent, () => ({ depth: 'mql', recent: true }));
  add(q.mql - q.sal - q.rejected - q.mqlWaitingRecent, () => ({ depth: 'mql' }));
  add(q.inquiries - q.mql, () => ({ depth: 'inquiry' }));
  return out;
}

function gradeGroup(depth: Depth): 'deal' | 'sal' | 'mql' | 'inquiry' {
  switch (depth) {
    case 'sql':
    case 'sqlClosed':
    case 'opportunity':
      return 'deal';
    case 'sal':
    case 'nurtured':
    case 'unreachable':
    case 'reengaged':
      return 'sal';
    case 'mql':
    case 'rejected':
      return 'mql';
    case 'inquiry':
      return 'inquiry';
    default: {
      const never: never = depth;
      throw new Error(`unknown depth ${String(never)}`);
    }
  }
}

/** How early in its quarter a person must enter to get as far as the quota says before the data ends. */
function entryWindow(slot: Slot): number {
  if (slot.deal?.status === 'won') return 20;
  if (slot.depth === 'opportunity') return 35;
  if (slot.depth === 'sql' || slot.depth === 'sqlClosed') return 55;
  if (gradeGroup(slot.depth) === 'sal') return 70;
  return slot.depth === 'inquiry' ? 91 : 80;
}

function campaignFor(rnd: Random, half: 'H1' | 'H2', at: number): Campaign {
  const day = new Date(at).toISOString().slice(0, 10);
  const live = ACQUISITION_MIX[half].filter(([name]) => {
    const c = campaignNamed(name);
    return c.start <= day && day <= c.end;
  });
  return campaignNamed(rnd.weighted(live));
}

function planted(p: PlantedPerson, base: Identity): Identity {
  return { ...base, firstName: p.firstName, lastName: p.lastName, company: p.company, email: p.crmEmail, local: p.crmEmail.split('@')[0]! };
}

/** The CRM-only leads: typed in by sales, never in the marketing system. */
function crmOnlyLead(p: PlantedPerson, seq: number, rnd: Random): PersonPlan {
  const q = DEMO_STORY.quarters.find((x) => x.id === p.quarter)!;
  const createdAt = Date.parse(`${q.from}T09:00:00Z`) + rnd.int(5, 60) * DAY;
  const owner = SALES_REPS.H1[seq % SALES_REPS.H1.length]!;
  const statuses = p.crmStatus === 'New' ? [{ status: 'New' as const, at: createdAt }] : [{ status: 'New' as const, at: createdAt }, { status: p.crmStatus, at: createdAt + 2 * DAY }];
  return {
    hubspotId: null, leadId: salesforceId('00Q', seq), firstName: p.firstName, lastName: p.lastName, email: p.crmEmail, crmEmail: p.crmEmail,
    phone: `+1 555 01${String(seq).padStart(5, '0')}`, company: p.company, website: `https://www.${p.crmEmail.split('@')[1]}`, industry: 'Software',
    title: 'Director of Operations', employees: 500, country: 'United States', grade: 'A', createdAt, originalSource: 'Offline sources', originalSourceDetail: null,
    leadSource: seq % 2 === 0 ? 'Partner Referral' : 'Phone Inquiry', owner, became: { lead: createdAt }, lifecycleStage: 'Lead', hubspotLeadStatus: null,
    statuses, crmCreatedAt: createdAt, marketing: [],
    sales: p.crmStatus === 'New' ? [] : [{ kind: 'call', at: createdAt + 2 * DAY, owner, connected: true, subject: 'Call', url: null }], deal: null,
  };
}

/**
 * Writes the demo company's exports (DEMO_STORY) into `dir`: HubSpot contacts and activities,
 * Salesforce leads (+ status history), tasks, opportunities and campaigns, the content
 * catalogue and `manifest.yaml`. Deterministic: the same seed gives the same bytes.
 */
export async function generateDemoExports(dir: string, seed: number = DEMO_STORY.seed): Promise<Record<string, number>> {
  const root = new Random(seed);
  const writer = new ExportWriter(dir);
  let seq = 0;
  const d = DEMO_STORY.disagreements;
  for (const q of DEMO_STORY.quarters) {
    const rnd = root.derive(q.id);
    const start = Date.parse(`${q.from}T00:00:00Z`);
    const specs = slots(q, rnd).map((slot) => {
      const createdAt = slot.recent ? Date.parse(`${q.to}T00:00:00Z`) - (2 + rnd.float() * 4) * DAY : start + rnd.float() * entryWindow(slot) * DAY;
      const wonCampaign = slot.deal?.campaign;
      const campaign = slot.deal?.status === 'won' ? (wonCampaign ? campaignNamed(wonCampaign) : null) : campaignFor(rnd, q.half, createdAt);
      const mix = DEMO_STORY.gradeMix[q.half][gradeGroup(slot.depth)];
      const grade = rnd.weighted<Grade>((['A', 'B', 'C', 'D'] as const).map((g) => [g, mix[g]] as const));
      return { slot, createdAt, campaign, grade };
    });
    specs.sort((a, b) => a.createdAt - b.createdAt);
    const plantedHere = [d.emailCase, d.plusTag, d.customerVsOpenLead].filter((p) => p.quarter === q.id);
    for (const s of specs) {
      const n = ++seq;
      const owner = SALES_REPS[q.half][n % SALES_REPS[q.half].length]!;
      let who = identity(rnd, s.grade, n, 0.08);
      const plant = s.slot.depth === 'sal' ? plantedHere.shift() : undefined;
      if (plant) who = planted(plant, who);
      const spec: PlanSpec = { seq: n, half: q.half, createdAt: s.createdAt, depth: s.slot.depth, grade: s.grade, who, campaign: s.campaign, owner, quickMql: s.slot.recent === true, ...(s.slot.deal ? { deal: s.slot.deal } : {}) };
      let plan = buildPlan(rnd, spec);
      if (plant) {
        plan = { ...plan, email: plant.hubspotEmail!, crmEmail: plant.crmEmail };
        if (plant === d.customerVsOpenLead) plan = { ...plan, lifecycleStage: 'Customer', became: { ...plan.became, customer: plan.statuses[plan.statuses.length - 1]!.at + 20 * DAY } };
      }
      await writer.person(plan);
    }
    if (plantedHere.length > 0) throw new Error(`${q.id}: no sal slot left for ${plantedHere.length} planted people`);
  }
  const rnd = root.derive('crm-only');
  for (const p of d.crmOnlyLeads) await writer.person(crmOnlyLead(p, ++seq, rnd));
  const u = d.unknownAccountOpportunity;
  await writer.opportunity(
    {
      id: salesforceId('006', ++seq), name: u.name, amount: u.amount, createdAt: Date.parse(u.createdAt), closeDate: Date.parse(`${u.closeDate}T00:00:00Z`),
      status: u.status, stageName: 'Prospecting', leadSource: 'Other', campaignId: null, owner: 'Omar Haddad', accountName: u.accountName,
      accountWebsite: u.website, contactEmail: null,
    },
    null,
  );
  for (const c of CAMPAIGNS) await writer.campaign(c);
  await writer.finish('Orbit Analytics demo company (tandem demo): HubSpot and Salesforce exports for 2024. Campaign.csv (campaign costs) is not imported yet: Tandem has no campaign entity.', {
    'content-catalogue.yaml': catalogueYaml(),
  });
  return writer.counts();
}
