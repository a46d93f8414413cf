import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { CsvSink } from './csv-sink.js';
import type { Cell } from './csv-sink.js';
import { EXPORT_FILES, hubspotDateTime, salesforceDate, salesforceDateTime, salesforceId } from './export-formats.js';
import type { ExportKind } from './export-formats.js';
import type { DealPlan, MarketingTouch, PersonPlan, SalesTouch } from './person-plan.js';
import type { Campaign } from './campaigns.js';
import { MANIFEST_NAME } from '../importers/resolve-import-files.js';

const HUBSPOT_ACTIVITY_LABEL: Record<MarketingTouch['type'], string> = {
  form_fill: 'Form submission',
  page_view: 'Page view',
  download: 'Content download',
  email_sent: 'Marketing email sent',
  email_open: 'Marketing email opened',
  email_click: 'Marketing email clicked',
  campaign_member: 'Campaign membership',
  event_attended: 'Event attended',
};

const NO_CONNECT = ['No answer', 'Left voicemail', 'No answer', 'Busy'] as const;

/** Sales reps' Salesforce user ids, stable by name. */
function userId(name: string, users: Map<string, string>): string {
  let id = users.get(name);
  if (!id) {
    id = salesforceId('005', users.size + 1);
    users.set(name, id);
  }
  return id;
}

/**
 * Writes person plans as the two systems' export files, streaming, and the manifest that names
 * each file's preset. Ids of rows without a natural id (activities, tasks) are sequence numbers,
 * so the same plans always give the same files.
 */
export class ExportWriter {
  private readonly sinks = new Map<ExportKind, CsvSink>();
  private readonly users = new Map<string, string>();
  private activitySeq = 0;
  private taskSeq = 0;
  private historySeq = 0;
  private contactSeq = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const kind of Object.keys(EXPORT_FILES) as ExportKind[]) {
      const spec = EXPORT_FILES[kind];
      this.sinks.set(kind, new CsvSink(join(dir, spec.file), spec.columns, { quoted: true }));
    }
  }

  private sink(kind: ExportKind): CsvSink {
    return this.sinks.get(kind)!;
  }

  /** Row counts per file so far. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.sinks].map(([k, s]) => [EXPORT_FILES[k].file, s.rows]));
  }

  async person(p: PersonPlan): Promise<void> {
    if (p.hubspotId) {
      await this.hubspotContact(p);
      for (const t of p.marketing) await this.hubspotActivity(p, t);
    }
    if (p.leadId) {
      const contactId = p.deal ? salesforceId('003', ++this.contactSeq) : null;
      await this.lead(p, contactId);
      for (const t of p.sales) await this.task(p, t);
      if (p.deal) await this.opportunity(p.deal, contactId);
    }
  }

  private hubspotContact(p: PersonPlan): Promise<void> | undefined {
    const d = (ms: number | undefined): Cell => (ms === undefined ? null : hubspotDateTime(ms));
    const score = Math.min(100, p.marketing.filter((t) => t.type !== 'email_sent').length * 5);
    return this.sink('hubspotContacts').write([
      p.hubspotId, p.firstName, p.lastName, d(p.became.customer), d(p.became.lead), d(p.became.mql), d(p.became.sql),
      d(p.became.opportunity), p.company, p.owner, p.country, hubspotDateTime(p.createdAt), p.email, score, p.industry,
      p.title, p.hubspotLeadStatus, p.lifecycleStage, p.employees, p.originalSource, p.originalSourceDetail, p.phone,
      p.website,
    ]);
  }

  private hubspotActivity(p: PersonPlan, t: MarketingTouch): Promise<void> | undefined {
    return this.sink('hubspotActivities').write([
      String(80_000_000_000 + ++this.activitySeq), p.hubspotId, p.email, HUBSPOT_ACTIVITY_LABEL[t.type], hubspotDateTime(t.at),
      t.campaign, t.channel, t.url, t.title, t.subject, t.form,
    ]);
  }

  private async lead(p: PersonPlan, contactId: string | null): Promise<void> {
    const last = p.statuses[p.statuses.length - 1]!;
    const converted = p.statuses.some((s) => s.status === 'Converted');
    const convertedAt = p.statuses.find((s) => s.status === 'Converted')?.at;
    const rating = p.grade === 'A' ? 'Hot' : p.grade === 'B' ? 'Warm' : 'Cold';
    const owner = p.owner ?? 'Marketing Queue';
    await this.sink('salesforceLeads').write([
      p.leadId, p.firstName, p.lastName, p.crmEmail, p.phone, p.company, p.website, p.title, p.industry, p.employees,
      p.country, p.leadSource, last.status, rating, p.owner ? userId(owner, this.users) : '00G8d000000000001', owner,
      converted ? 'true' : 'false', convertedAt === undefined ? null : salesforceDate(convertedAt), contactId,
      converted && p.deal ? p.deal.id : null, 'false', 'false', salesforceDateTime(p.crmCreatedAt!), salesforceDateTime(last.at),
    ]);
    let previous: string | null = null;
    for (const s of p.statuses) {
      await this.sink('salesforceLeadHistory').write([
        salesforceId('017', ++this.historySeq), p.leadId, userId(owner, this.users), salesforceDateTime(s.at), 'Status', previous, s.status,
      ]);
      previous = s.status;
    }
  }

  private task(p: PersonPlan, t: SalesTouch): Promise<void> | undefined {
    const n = ++this.taskSeq;
    const call = t.kind === 'call';
    const disposition = call ? (t.connected ? 'Connected' : NO_CONNECT[n % NO_CONNECT.length]!) : null;
    const type = call ? 'Call' : t.kind === 'email' ? 'Email' : 'Meeting';
    const subtype = call ? 'Call' : t.kind === 'email' ? 'Email' : 'Task';
    const duration = call ? (t.connected ? 240 + (n % 900) : n % 30) : null;
    return this.sink('salesforceTasks').write([
      salesforceId('00T', n), p.leadId, null, t.subject, salesforceDate(t.at), 'Completed', 'Normal', userId(t.owner, this.users),
      t.owner, t.url, type, subtype, call ? 'Outbound' : null, disposition, duration, salesforceDateTime(t.at), salesforceDateTime(t.at),
    ]);
  }

  /** A deal; `contactId` null for a deal without a known person. */
  opportunity(d: DealPlan, contactId: string | null): Promise<void> | undefined {
    const probability = d.status === 'won' ? 100 : d.status === 'lost' ? 0 : 75;
    return this.sink('salesforceOpportunities').write([
      d.id, salesforceId('001', accountSeq(d.accountWebsite)), d.accountName, d.accountWebsite, d.name, d.stageName, d.amount.toFixed(2),
      probability, salesforceDate(d.closeDate), 'New Customer', d.leadSource, d.status === 'open' ? 'false' : 'true',
      d.status === 'won' ? 'true' : 'false', d.campaignId, userId(d.owner, this.users), d.owner, salesforceDateTime(d.createdAt),
      contactId, d.contactEmail, 'USD',
    ]);
  }

  campaign(c: Campaign): Promise<void> | undefined {
    return this.sink('salesforceCampaigns').write([
      c.id, c.name, c.type, c.channel, c.end < '2025-01-01' ? 'Completed' : 'In Progress', c.start, c.end, c.budget.toFixed(2),
      c.cost.toFixed(2), c.end < '2025-01-01' ? 'false' : 'true',
    ]);
  }

  /** Closes every file and writes `manifest.yaml` naming each imported file's preset. */
  async finish(description: string, extra: Record<string, string> = {}): Promise<void> {
    await Promise.all([...this.sinks.values()].map((s) => s.close()));
    const files = (Object.keys(EXPORT_FILES) as ExportKind[])
      .filter((k) => EXPORT_FILES[k].preset !== null)
      .map((k) => ({ file: EXPORT_FILES[k].file, preset: EXPORT_FILES[k].preset! }));
    writeFileSync(join(this.dir, MANIFEST_NAME), toYaml({ description, files }));
    for (const [name, text] of Object.entries(extra)) writeFileSync(join(this.dir, name), text);
  }
}

/** A stable number for an account from its website, for its Salesforce Account id. */
function accountSeq(website: string): number {
  let h = 0;
  for (let i = 0; i < website.length; i++) h = (Math.imul(h, 31) + website.charCodeAt(i)) >>> 0;
  return h;
}
