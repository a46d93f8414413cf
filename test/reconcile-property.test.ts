import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { COUNT_BUCKETS } from '../src/domain/count-reconciliation.js';
import { MAIN_STAGES } from '../src/domain/stage.js';
import { openServices } from '../src/main/services.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'two-systems');

/** Each system's status values and the stage its mapping (fixtures/two-systems) gives them; `Bogus` maps to none. */
const HUBSPOT = { Subscriber: 'inquiry', Lead: 'inquiry', 'Marketing Qualified Lead': 'mql', 'Sales Qualified Lead': 'sql', Opportunity: 'opportunity', Customer: 'won', Other: 'nurture', Bogus: null } as const;
const SALESFORCE = { 'Open - Not Contacted': 'sal', 'Working - Contacted': 'sql', 'Closed - Converted': 'opportunity', 'Closed - Not Converted': 'disqualified', Bogus: null } as const;

const day = (d: number): Date => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000);
const quarterOf = (d: Date): string => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

const systemRecord = <K extends string>(statuses: readonly K[]) =>
  fc.record({ status: fc.constantFrom(...statuses), created: fc.integer({ min: 0, max: 500 }), owner: fc.constantFrom('Mona', 'Karim'), badEmail: fc.boolean() });

const person = fc.record({
  domain: fc.constantFrom('acme.com', 'beta.io', 'noor.sa'),
  hubspot: fc.option(systemRecord(Object.keys(HUBSPOT) as (keyof typeof HUBSPOT)[]), { nil: null }),
  salesforce: fc.option(systemRecord(Object.keys(SALESFORCE) as (keyof typeof SALESFORCE)[]), { nil: null }),
  /** How the CRM spells the email the marketing system has. */
  spelling: fc.constantFrom('same', 'upper', 'tag', 'dots'),
  duplicateLead: fc.boolean(),
  deal: fc.option(fc.record({ status: fc.constantFrom('Closed Won', 'Closed Lost', 'Negotiation'), after: fc.integer({ min: 1, max: 90 }) }), { nil: null }),
});

interface Row {
  readonly system: 'hubspot' | 'salesforce';
  readonly stage: string | null;
  readonly created: Date;
  readonly rejected: boolean;
}

describe('count reconciliation over generated two-system exports (SQLite)', () => {
  it('for every stage and quarter: systems’ counts + buckets = Tandem’s count, each figure checked against the generated rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 25 }), async (persons) => {
        const dir = mkdtempSync(join(tmpdir(), 'tandem-reconcile-prop-'));
        const services = await openServices(join(dir, 'tandem.db'));
        try {
          const rows: Row[] = [];
          const hs: string[][] = [];
          const sf: string[][] = [];
          const opps: string[][] = [];
          persons.forEach((p, i) => {
            const local = `first.last${i}`;
            const email = `${local}@${p.domain}`;
            if (p.hubspot) {
              const h = p.hubspot;
              const bad = h.badEmail && i % 3 === 0;
              hs.push([`${100 + i}`, `F${i}`, `L${i}`, bad ? 'not-an-email' : email, p.domain, h.owner, h.status, day(h.created).toISOString().slice(0, 16).replace('T', ' '), '', 'false']);
              rows.push({ system: 'hubspot', stage: HUBSPOT[h.status], created: day(h.created), rejected: bad });
            }
            if (p.salesforce) {
              const s = p.salesforce;
              const spelled = { same: email, upper: email.toUpperCase(), tag: `${local}+crm@${p.domain}`, dots: `${local.replace('.', '')}@${p.domain}` }[p.spelling];
              const leads = p.duplicateLead ? [`00Q${i}a`, `00Q${i}b`] : [`00Q${i}a`];
              for (const id of leads) {
                sf.push([id, `F${i}`, `L${i}`, spelled, p.domain, s.owner, s.status, day(s.created).toISOString(), '', 'false']);
                rows.push({ system: 'salesforce', stage: SALESFORCE[s.status], created: day(s.created), rejected: false });
              }
              if (p.deal) {
                const closed = p.deal.status === 'Negotiation' ? '' : day(s.created + p.deal.after).toISOString();
                opps.push([`006${i}`, `Deal ${i}`, spelled, p.domain, p.domain, '1000', p.deal.status, day(s.created + 1).toISOString(), closed, s.owner]);
              }
            }
          });
          const write = (name: string, header: string[], body: string[][]): string => {
            const file = join(dir, `${name}.csv`);
            writeFileSync(file, stringify([header, ...body]));
            return file;
          };
          const files = [
            ['hubspot-contacts', write('hubspot-contacts', ['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Contact owner', 'Lifecycle Stage', 'Create Date', 'Last Modified Date', 'Unsubscribed from all email'], hs)],
            ['salesforce-leads', write('salesforce-leads', ['Id', 'FirstName', 'LastName', 'Email', 'Company', 'OwnerName', 'Status', 'CreatedDate', 'LastModifiedDate', 'HasOptedOutOfEmail'], sf)],
            ['salesforce-opportunities', write('salesforce-opportunities', ['Id', 'Name', 'ContactEmail', 'Website', 'AccountName', 'Amount', 'StageName', 'CreatedDate', 'CloseDate', 'OwnerName'], opps)],
          ] as const;
          for (const [mapping, file] of files) await services.importFiles({ paths: [file], mapping: join(FIXTURE, `${mapping}.yaml`) });

          const report = await services.reconcile({ grain: 'quarter', from: null, to: null });
          const quarters = [...new Set([...rows.map((r) => quarterOf(r.created)), ...report.counts.map((c) => c.period)])];
          for (const period of quarters) {
            const [y, q] = period.split('-Q').map(Number) as [number, number];
            const from = new Date(Date.UTC(y, (q - 1) * 3, 1)).toISOString().slice(0, 10);
            const to = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
            const funnel = await services.funnelReport({ from, to, by: null, at: new Date('2026-01-01T00:00:00Z') });
            for (const stage of MAIN_STAGES) {
              const c = report.counts.find((x) => x.stage === stage && x.period === period);
              const direct = (system: string): number => rows.filter((r) => r.system === system && r.stage === stage && quarterOf(r.created) === period).length;
              const tandem = funnel.stages.find((s) => s.id === stage)!.reached;
              if (!c) {
                expect(direct('hubspot') + direct('salesforce') + tandem, `${stage} ${period} missing`).toBe(0);
                continue;
              }
              expect(c.bySource.hubspot ?? 0, `hubspot ${stage} ${period}`).toBe(direct('hubspot'));
              expect(c.bySource.salesforce ?? 0, `salesforce ${stage} ${period}`).toBe(direct('salesforce'));
              expect(c.tandem, `tandem ${stage} ${period}`).toBe(tandem);
              expect(c.explained.rejectedRows).toBe(0 - rows.filter((r) => r.rejected && r.stage === stage && quarterOf(r.created) === period).length);
              const systems = Object.values(c.bySource).reduce((a, b) => a + b, 0);
              expect(systems + COUNT_BUCKETS.reduce((a, b) => a + c.explained[b], 0), `${stage} ${period} adds up`).toBe(c.tandem);
            }
          }
        } finally {
          await services.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });
});
