import type { CandidatesReport } from '../app/content-services.js';
import type { ContentCoverage } from '../domain/content/content-coverage.js';
import type { ContentInfluence } from '../domain/content/content-influence.js';
import { pct } from './cell-format.js';
import type { TableData } from './table-data.js';

const period = (from: string | null, to: string | null): string => (from || to ? `${from ?? '…'} to ${to ?? '…'}` : 'all of history');
const pts = (v: number | null): string | null => (v === null ? null : `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)} pts`);

export function coverageTables(c: ContentCoverage): TableData[] {
  return [
    {
      title: `Content coverage, ${period(c.from, c.to)} (catalogue ${c.catalogueVersion})`,
      columns: ['stage', 'grade', 'people', 'pieces', 'uses by sales', 'uses by marketing', 'pieces available'],
      rows: c.cells.map((x) => [x.stage, x.grade, x.people, x.pieces, x.uses.sales, x.uses.marketing, x.pieceIds.join(', ') || '—']),
      notes: ['Uses: catalogue pieces that reached a person of that stage and grade at the time (emails, meetings, downloads, clicks; one per piece, team and day).'],
    },
    {
      title: 'Gaps: stages sales works where people stood and sales had nothing to send',
      columns: ['stage', 'grade', 'owner', 'people'],
      rows: c.gaps.map((g) => [g.stage, g.grade, g.owner, g.people]),
      notes: c.gaps.length === 0 ? ['No gap: every stage sales works has at least one piece for every grade that stood there.'] : [],
    },
  ];
}

export function influenceTables(r: ContentInfluence): TableData[] {
  return [
    {
      title: `Content influence, stage entries ${period(r.from, r.to)} (catalogue ${r.catalogueVersion})`,
      columns: ['piece', 'stage', 'exposed', 'converted', 'rate', 'control', 'converted ', 'rate ', 'difference', '95% interval', 'lift'],
      rows: r.pieces.map((p) => [
        p.id, p.stage, p.exposed, p.exposedConverted, pct(p.exposedRate), p.control, p.controlConverted, pct(p.controlRate),
        pts(p.difference), p.ci ? `${pts(p.ci.low)} to ${pts(p.ci.high)}` : null, p.lift === null ? null : `×${p.lift.toFixed(2)}`,
      ]),
      notes: [`⚠ ${r.warning}`, r.method],
    },
    {
      title: `Pieces most present in won journeys (${r.wonJourneys} won)`,
      columns: ['piece', 'title', 'won journeys', 'share'],
      rows: r.won.map((w) => [w.id, w.title, w.wonJourneys, pct(w.share)]),
    },
  ];
}

export function candidateTables(r: CandidatesReport): TableData[] {
  return [
    {
      title: `URLs in no catalogue piece, used for ${r.minPeople}+ people, ${period(r.from, r.to)} (catalogue ${r.catalogueVersion})`,
      columns: ['url', 'people', 'uses', 'by sales', 'by marketing', 'first', 'last'],
      rows: r.candidates.map((c) => [c.url, c.people, c.uses, c.sales, c.marketing, c.firstAt.slice(0, 10), c.lastAt.slice(0, 10)]),
      notes: ['URLs are normalised (no scheme, www, trailing slash, fragment or tracking parameters). Add the ones that are content to the catalogue.'],
    },
  ];
}
