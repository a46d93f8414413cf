import type { OpenedStore } from '../store/open-store.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const INDUSTRIES = ['software', 'fintech', 'retail', 'health', 'education', 'logistics'];
const TITLES = ['VP Sales', 'Head of Marketing', 'Engineer', 'Chief Revenue Officer', 'Analyst', 'Director of Growth', 'Student', 'Consultant', 'Manager'];
const COUNTRIES = ['US', 'GB', 'DE', 'EG', 'SA', 'AE', 'BR', 'IN', 'FR', 'JP', 'NG'];
const TYPES = ['email_open', 'email_open', 'email_click', 'page_view', 'page_view', 'page_view', 'form_fill', 'email_sent', 'call_attempt', 'meeting'] as const;

/** A cheap, well-spread integer hash, so the data is varied but the same on every run. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Generates persons with traits and dated activities straight into the store (no CSV), for
 * the scoring and backtest benches: `perPerson` activities each, about 1 in 9 won with an amount
 * (more often for a good fit), so a model has something to find.
 */
export async function generateScoringData(store: OpenedStore, persons: number, perPerson: number, onProgress?: (done: number) => void): Promise<{ activities: number }> {
  const base = Date.UTC(2024, 0, 1);
  const CHUNK = 20_000;
  let activities = 0;
  for (let start = 0; start < persons; start += CHUNK) {
    const end = Math.min(persons, start + CHUNK);
    const p: object[] = [];
    const a: object[] = [];
    const o: object[] = [];
    for (let i = start; i < end; i++) {
      const h = mix(i + 1);
      const id = `p${String(i).padStart(8, '0')}`;
      const created = base + (h % 365) * DAY;
      const hot = h % 7 === 0 || (h >>> 3) % 5 === 0;
      p.push({
        id, email: `person${i}@example${h % 97}.com`, email_norm: `person${i}@example${h % 97}.com`, first_name: null, last_name: null, company: null,
        account_id: null, owner: null, source: `src${h % 5}`, country: COUNTRIES[(h >>> 5) % COUNTRIES.length], industry: INDUSTRIES[(h >>> 9) % INDUSTRIES.length]!,
        title: TITLES[(h >>> 13) % TITLES.length], created_at: new Date(created).toISOString(), do_not_call: 0, do_not_email: (h >>> 17) % 20 === 0 ? 1 : 0,
        attributes: JSON.stringify({ employees: String((h >>> 7) % 5000), lead_quality: hot ? 'High' : 'Low' }), updated_at: new Date(base).toISOString(),
      });
      a.push({ id: `a${i}_c`, person_id: id, source: 'gen', external_id: `${i}#created`, type: 'lead_created', occurred_at: new Date(created).toISOString(), actor: null, stage: null, properties: '{}' });
      let t = created;
      for (let k = 1; k < perPerson; k++) {
        const hk = mix(h + k);
        t += (1 + (hk % (hot ? 48 : 240))) * HOUR;
        const type = TYPES[hk % TYPES.length]!;
        const properties = type === 'page_view' ? JSON.stringify({ url: hk % 4 === 0 ? '/pricing' : '/blog' }) : '{}';
        a.push({ id: `a${i}_${k}`, person_id: id, source: 'gen', external_id: `${i}#${k}`, type, occurred_at: new Date(t).toISOString(), actor: null, stage: null, properties });
      }
      // Fit and heat raise the chance of a deal, so a model has something to find.
      const industry = (h >>> 9) % INDUSTRIES.length;
      const title = (h >>> 13) % TITLES.length;
      const chance = 3 + (hot ? 12 : 0) + (industry < 2 ? 8 : 0) + ([0, 1, 3, 5].includes(title) ? 6 : 0);
      if (mix(h ^ 0x9e3779b9) % 100 < chance) {
        const won = new Date(t + 7 * DAY).toISOString();
        a.push({ id: `a${i}_w`, person_id: id, source: 'gen', external_id: `${i}#won`, type: 'opportunity_won', occurred_at: won, actor: null, stage: null, properties: '{}' });
        o.push({ id: `o${i}`, source: 'gen', external_id: `${i}#deal`, person_id: id, account_id: null, name: null, amount_minor: 100 * (5000 + (h % 50_000)), currency: 'USD', stage: null, status: 'won', owner: null, created_at: null, closed_at: won, attributes: '{}' });
      }
    }
    await store.db.transaction().execute(async (trx) => {
      await store.helpers.insertMany(trx, 'persons', p);
      await store.helpers.insertMany(trx, 'activities', a);
      if (o.length > 0) await store.helpers.insertMany(trx, 'opportunities', o);
    });
    activities += a.length;
    onProgress?.(end);
  }
  return { activities };
}
