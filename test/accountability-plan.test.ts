import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { TandemError } from '../src/domain/errors.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { daysBetween, percentile, SMALL_FUNNEL, smallFunnel, STAGES } from './small-funnel-oracle.js';
import type { Stage } from './small-funnel-oracle.js';

const AT = new Date('2024-07-01T00:00:00Z');
const { persons, deals } = smallFunnel();
const n = (s: Stage): number => persons.filter((p) => p.at[s]).length;
const won = deals.filter((d) => d.status === 'won');
const ASP = won.reduce((t, d) => t + d.amount, 0) / won.length;
const toWon = (s: Stage): number => n('won') / n(s);
const conv = (s: Stage): number => n(STAGES[STAGES.indexOf(s) + 1]!) / n(s);
const lastStage = (p: (typeof persons)[number]): Stage => [...STAGES].reverse().find((s) => p.at[s])!;

describe.each(DIALECTS)('diagnose, scorecard and plan on the small hand-built company, %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [SMALL_FUNNEL] });
    // Higher targets at mql and sal, and a tiny capacity at sal: every kind of finding shows.
    await services.replay(join(SMALL_FUNNEL, 'strict-model.yaml'));
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('diagnose ranks conversion, aging and capacity findings by revenue at stake, figures computed by hand', async () => {
    const d = await services.diagnose({ from: '2024-01-01', to: '2024-06-30', at: AT });
    // Still in sal / sql at AT, past their 7 / 30 day SLA.
    const stuck = (s: Stage, days: number) => persons.filter((p) => lastStage(p) === s && p.id !== 'p04' && daysBetween(p.at[s]!, AT.toISOString()) > days).length;
    const weeks = 182 / 7;
    const capacity = 3 * 0.1; // three named owners (ana, bob, سارة) × 0.1 a week
    const expected = [
      { stage: 'sql', kind: 'aging', transition: 'sal→sql', owner: 'sales', deals: stuck('sal', 7) * toWon('sal') },
      { stage: 'sql', kind: 'conversion', transition: 'sal→sql', owner: 'sales', deals: n('sal') * (0.9 - conv('sal')) * toWon('sql') },
      { stage: 'opportunity', kind: 'aging', transition: 'sql→opportunity', owner: 'sales', deals: stuck('sql', 30) * toWon('sql') },
      { stage: 'sal', kind: 'capacity', transition: 'mql→sal', owner: 'sales', deals: (n('mql') / weeks - capacity) * weeks * toWon('mql') },
      { stage: 'sal', kind: 'conversion', transition: 'mql→sal', owner: 'sales', deals: n('mql') * (0.95 - conv('mql')) * toWon('sal') },
    ].map((e) => ({ ...e, deals: Math.round(e.deals * 100) / 100, revenue: Math.round(e.deals * ASP * 100) / 100 }));
    expect(stuck('sal', 7)).toBe(2);
    expect(d.findings.map((f) => ({ stage: f.stage, kind: f.kind, transition: f.transition, owner: f.owner, deals: f.dealsAtStake, revenue: f.revenueAtStake }))).toEqual(expected);
    expect(d.findings[0]!.summary).toContain('longer than its 7-day SLA');
    expect(d.findings.find((f) => f.kind === 'capacity')!.figures.owners).toBe(3);
  });

  it('scorecard: conversion scored to the owner of the stage entered, SLA compliance from the stays', async () => {
    const s = await services.scorecard({ period: null, at: AT });
    const sal = s.stages.find((x) => x.stage === 'sal')!;
    // A stay in sal ends when sql is reached, or runs on to AT.
    const stays = persons.filter((p) => p.at.sal).map((p) => daysBetween(p.at.sal!, p.at.sql ?? AT.toISOString()));
    expect(sal.slaStays).toBe(stays.length);
    expect(sal.slaCompliance).toBeCloseTo(stays.filter((x) => x <= 7).length / stays.length, 12);
    expect(sal.transition).toBe('mql→sal');
    expect(sal.owner).toBe('sales');
    expect(sal.conversion).toBeCloseTo(conv('mql'), 12);
    expect(sal.target).toBe(0.95);
    expect(sal.onTarget).toBe(false);
    // Sales answers for the SLAs of sal, sql and opportunity (stays ending at the next stage, a lost deal, or AT).
    const closedAt = (id: string) => deals.find((d) => d.person === id)?.closed;
    const salesStays = [
      ...persons.filter((p) => p.at.sal).map((p) => daysBetween(p.at.sal!, p.at.sql ?? AT.toISOString()) <= 7),
      ...persons.filter((p) => p.at.sql).map((p) => daysBetween(p.at.sql!, p.at.opportunity ?? AT.toISOString()) <= 30),
      ...persons.filter((p) => p.at.opportunity).map((p) => daysBetween(p.at.opportunity!, closedAt(p.id) ?? AT.toISOString()) <= 120),
    ];
    expect(s.teams.find((t) => t.team === 'sales')!.slaCompliance).toBeCloseTo(salesStays.filter(Boolean).length / salesStays.length, 12);
    const marketing = s.teams.find((t) => t.team === 'marketing')!;
    expect(marketing.handedOn).toBe(n('sal'));
    expect(marketing.transitionsJudged).toBe(1);
    const ana = s.owners.find((o) => o.owner === 'ana')!;
    expect(ana.units).toBe(persons.filter((p) => p.owner === 'ana').length);
    expect(ana.wonCount).toBe(won.filter((d) => persons.find((p) => p.id === d.person)!.owner === 'ana').length);
    expect(s.owners.map((o) => o.owner)).toContain('سارة');
  });

  it('scorecard with a goal: each team answers for its hand-over stage, planned backwards', async () => {
    const s = await services.scorecard({ period: '2024-01-01..2024-06-30', goal: 550_000, at: AT });
    expect(s.revenue.attainment).toBeCloseTo(1, 12);
    const sales = s.teams.find((t) => t.team === 'sales')!;
    expect(sales.goal!.stage).toBe('won');
    expect(sales.goal!.needed).toBeCloseTo(550_000 / ASP, 9);
    const marketing = s.teams.find((t) => t.team === 'marketing')!;
    expect(marketing.goal!.stage).toBe('mql');
    expect(marketing.goal!.needed).toBeCloseTo(n('mql'), 9);
  });

  it('plan: the reverse waterfall from observed rates, checked by hand', async () => {
    const p = await services.plan({ revenue: 300_000, period: '2024-Q3', at: AT });
    expect(p.averageSellingPrice).toBe(ASP);
    expect(p.wonNeeded).toBeCloseTo(300_000 / ASP, 12);
    let needed = 300_000 / ASP;
    let lead = 0;
    for (const s of [...STAGES].reverse()) {
      const stage = p.stages.find((x) => x.id === s)!;
      if (s !== 'won') {
        needed /= conv(s);
        const next = STAGES[STAGES.indexOf(s) + 1]!;
        lead += Math.round(percentile(persons.filter((x) => x.at[s] && x.at[next]).map((x) => daysBetween(x.at[s]!, x.at[next]!)), 0.5)!);
      }
      expect(stage.needed, s).toBeCloseTo(needed, 9);
      expect(stage.neededRounded, s).toBe(Math.ceil(needed - 1e-9));
      expect(stage.leadDays, s).toBe(lead);
      expect(stage.windowFrom, s).toBe(new Date(Date.parse('2024-07-01T00:00:00Z') - lead * 86_400_000).toISOString().slice(0, 10));
    }
    // The month-by-month schedule adds up to each stage's need.
    for (const s of p.stages) expect(p.schedule.reduce((t, m) => t + (m.needs[s.id] ?? 0), 0), s.id).toBeCloseTo(s.needed, 9);
  });

  it('plan: a rates file replaces the observed rates (a scenario)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-rates-'));
    const file = join(dir, 'rates.yaml');
    writeFileSync(file, 'averageSellingPrice: 100000\nstages:\n  inquiry: { conversion: 0.5, lagDays: 10 }\n  mql: { conversion: 0.5 }\n  sal: { conversion: 0.5 }\n  sql: { conversion: 0.5 }\n  opportunity: { conversion: 0.25, lagDays: 30 }\n');
    const p = await services.plan({ revenue: 3_000_000, period: '2025-Q3', ratesFile: file, at: AT });
    expect(p.wonNeeded).toBe(30);
    expect(p.stages.map((s) => s.needed)).toEqual([1920, 960, 480, 240, 120, 30]);
    expect(p.stages.find((s) => s.id === 'opportunity')!.windowFrom).toBe('2025-06-01');
    expect(p.stages.find((s) => s.id === 'inquiry')!.conversionSource).toBe('file');
    expect(p.stages.find((s) => s.id === 'mql')!.lagSource).toBe('observed');
    expect(p.stages.find((s) => s.id === 'opportunity')!.lagSource).toBe('file');
  });

  it('plan: a bad rates file is refused with the file, line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-rates-'));
    const file = join(dir, 'rates.yaml');
    writeFileSync(file, 'averageSellingPrice: 100000\nstages:\n  mql:\n    conversion: 1.5\n');
    const error = await services.plan({ revenue: 1, period: '2025-Q3', ratesFile: file, at: AT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe('CONFIG_INVALID');
    expect((error as TandemError).message).toContain(`${file}:4`);
    expect((error as TandemError).message).toContain('stages.mql.conversion');
  });
});
