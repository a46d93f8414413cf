import { stringify } from 'yaml';
import type { MainStageId, Team } from '../domain/stage.js';
import type { Grade } from './person-plan.js';
import type { Random } from './random.js';

/** A piece of the demo company's stage content catalogue. */
export interface ContentPiece {
  readonly id: string;
  readonly title: string;
  /** Canonical URL (https, www, no trailing slash, no query). */
  readonly url: string;
  readonly type: 'ebook' | 'case_study' | 'demo_script' | 'email_template' | 'calculator' | 'guide' | 'webinar_recording' | 'pricing';
  readonly stages: readonly MainStageId[];
  readonly grades: readonly Grade[];
  readonly team: Team;
  readonly language: 'en' | 'ar';
  /** First day the piece exists (absent: before 2024). */
  readonly since?: string;
}

export const CONTENT_SITE = 'https://www.orbitanalytics.example';

const piece = (p: Omit<ContentPiece, 'url'> & { path: string }): ContentPiece => {
  const { path, ...rest } = p;
  return { ...rest, url: `${CONTENT_SITE}${path}` };
};

/**
 * The catalogue: no piece serves `sql` until the fixes add the discovery guide on 2024-07-01
 * (the gap the content work should find).
 */
export const CONTENT_CATALOGUE: readonly ContentPiece[] = [
  piece({ id: 'ebook-revenue-funnel', title: 'The Revenue Funnel Handbook', path: '/resources/revenue-funnel-handbook', type: 'ebook', stages: ['inquiry', 'mql'], grades: ['A', 'B', 'C', 'D'], team: 'marketing', language: 'en' }),
  piece({ id: 'webinar-funnel-metrics', title: 'Funnel Metrics 101 (recording)', path: '/webinars/funnel-metrics-101', type: 'webinar_recording', stages: ['inquiry', 'mql'], grades: ['A', 'B', 'C'], team: 'marketing', language: 'en' }),
  piece({ id: 'calculator-roi', title: 'Pipeline ROI Calculator', path: '/tools/roi-calculator', type: 'calculator', stages: ['mql', 'sal'], grades: ['A', 'B'], team: 'marketing', language: 'en' }),
  piece({ id: 'email-first-touch', title: 'First-touch email template', path: '/sales-kit/first-touch-email', type: 'email_template', stages: ['sal'], grades: ['A', 'B', 'C'], team: 'sales', language: 'en' }),
  piece({ id: 'case-study-logistics', title: 'How Northwind Logistics tripled pipeline', path: '/customers/northwind-logistics', type: 'case_study', stages: ['sal', 'opportunity'], grades: ['A', 'B'], team: 'marketing', language: 'en' }),
  piece({ id: 'case-study-riyadh-bank', title: 'دراسة حالة: بنك الرياض الرقمي', path: '/ar/customers/riyadh-digital-bank', type: 'case_study', stages: ['sal', 'opportunity'], grades: ['A', 'B'], team: 'marketing', language: 'ar' }),
  piece({ id: 'demo-script', title: 'Demo script: the funnel in 20 minutes', path: '/sales-kit/demo-script', type: 'demo_script', stages: ['opportunity'], grades: ['A', 'B'], team: 'sales', language: 'en' }),
  piece({ id: 'pricing-guide', title: 'Pricing and packaging guide', path: '/sales-kit/pricing', type: 'pricing', stages: ['opportunity'], grades: ['A', 'B'], team: 'sales', language: 'en' }),
  piece({ id: 'guide-sql-discovery', title: 'Discovery call guide for qualified leads', path: '/sales-kit/discovery-guide', type: 'guide', stages: ['sql'], grades: ['A', 'B'], team: 'shared', language: 'en', since: '2024-07-01' }),
  piece({ id: 'email-unreachable-nurture', title: 'Unreachable nurture: "Still worth a look?"', path: '/nurture/still-worth-a-look', type: 'email_template', stages: ['sal'], grades: ['A', 'B', 'C'], team: 'marketing', language: 'en', since: '2024-07-01' }),
];

/** The pieces that exist on a day and serve a stage. */
export function piecesFor(stage: MainStageId, day: string): ContentPiece[] {
  return CONTENT_CATALOGUE.filter((p) => p.stages.includes(stage) && (!p.since || p.since <= day));
}

/**
 * The URL as it shows up in real data: with or without `www.`, a trailing slash, utm_* parameters.
 * The content work must normalise these back to the catalogue's URL.
 */
export function urlVariant(rnd: Random, url: string, campaign: string | null, medium: string): string {
  let u = url;
  if (rnd.chance(0.3)) u = u.replace('://www.', '://');
  if (rnd.chance(0.3)) u = `${u}/`;
  if (rnd.chance(0.6)) {
    const slug = (campaign ?? 'sales').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    u = `${u}?utm_source=${medium === 'email' ? 'hubspot' : 'orbit'}&utm_medium=${medium}&utm_campaign=${slug}`;
  }
  return u;
}

/** `content-catalogue.yaml` as written beside the exports. */
export function catalogueYaml(): string {
  return `# Orbit Analytics stage content catalogue (demo). Canonical URLs; exports carry variants.\n${stringify({ pieces: CONTENT_CATALOGUE })}`;
}
