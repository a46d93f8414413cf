import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { compileMapping } from './compiled-mapping.js';
import { parseMapping } from './load-mapping.js';
import { mapRow } from './map-row.js';

const MAPPING = `
entity: persons
system: hubspot
dateFormats: ['yyyy-MM-dd HH:mm']
fields:
  externalId: Record ID
  createdAt: Create Date
  stage: { column: Lifecycle Stage, map: { Marketing Qualified Lead: mql, Customer: won } }
stageDates:
  mql: Became a Marketing Qualified Lead Date
  won: Became a Customer Date
`;
const HEADER = ['Record ID', 'Create Date', 'Lifecycle Stage', 'Became a Marketing Qualified Lead Date', 'Became a Customer Date', 'Industry'];

describe('stageDates in a persons mapping', () => {
  const m = compileMapping(parseMapping(MAPPING, 'test.yaml'), 'contacts.csv', HEADER);
  const stages = (values: string[]) =>
    mapRow(m, values, { file: 'contacts.csv', row: 2 }).activities
      .filter((a) => a.type === 'stage_change')
      .map((a) => [a.stage, a.occurredAt]);

  it('turns each dated stage into a stage change at its date, the current stage included once', () => {
    expect(stages(['1', '2024-01-01 09:00', 'Customer', '2024-01-03 10:00', '2024-03-01 12:30', 'Software'])).toEqual([
      ['mql', '2024-01-03T10:00:00.000Z'],
      ['won', '2024-03-01T12:30:00.000Z'],
    ]);
  });

  it('dates a current stage without its own column by createdAt, and skips empty dates', () => {
    expect(stages(['1', '2024-01-01 09:00', 'Marketing Qualified Lead', '', '', ''])).toEqual([['mql', '2024-01-01T09:00:00.000Z']]);
  });

  it('does not keep the date columns as attributes', () => {
    const row = mapRow(m, ['1', '2024-01-01 09:00', 'Customer', '2024-01-03 10:00', '', 'Software'], { file: 'c.csv', row: 2 });
    expect(Object.keys(row.persons[0]!.attributes)).toEqual(['industry']);
  });

  it('rejects a stage id the funnel does not have, naming the field', () => {
    expect(() => parseMapping(MAPPING.replace('  won: Became', '  customer: Became'), 'bad.yaml')).toThrow(TandemError);
    expect(() => parseMapping(MAPPING.replace('  won: Became', '  customer: Became'), 'bad.yaml')).toThrow(/stageDates.*customer|customer.*not a funnel stage/s);
  });
});
