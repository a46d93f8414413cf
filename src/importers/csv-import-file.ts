import { basename } from 'node:path';
import type { ImportBatch, Reject } from '../app/ports/import-records.js';
import type { ImportChunk, ImportFile, ImportProgress } from '../app/ports/import-source.js';
import { compileMapping } from './compiled-mapping.js';
import { RowError } from './convert-value.js';
import type { NamedMapping } from './load-mapping.js';
import { mapActivityRow, mapRow } from './map-row.js';
import { openCsv } from './read-csv.js';
import { salvagePersonRow } from './salvage-person-row.js';
import type { CsvFile, CsvItem, Encoding } from './read-csv.js';

// One transaction per chunk: larger chunks write each touched index page to the WAL once for more rows.
const ROWS_PER_CHUNK = 20_000;

type MutableBatch = { [K in keyof ImportBatch]-?: NonNullable<ImportBatch[K]>[number][] };

function newBatch(): MutableBatch {
  return { accounts: [], persons: [], opportunities: [], activities: [], campaigns: [] };
}

/** A CSV file bound to its mapping: streams chunks of records and the rows it rejected, with reasons. */
export function csvImportFile(csv: CsvFile, named: NamedMapping): ImportFile {
  const compiled = compileMapping(named.mapping, csv.path, csv.header);
  const display = basename(csv.path);
  const activitiesOnly = named.mapping.entity === 'activities';
  /** One row into the batch, or into the rejects with its field and reason. */
  const take = (item: CsvItem, batch: MutableBatch, rejects: Reject[]): void => {
    if (item.kind === 'bad') {
      rejects.push({ file: display, row: item.row, field: null, reason: item.reason, raw: item.raw });
      return;
    }
    try {
      if (activitiesOnly) {
        batch.activities.push(mapActivityRow(compiled, item.values, { file: display, row: item.row }));
        return;
      }
      const mapped = mapRow(compiled, item.values, { file: display, row: item.row });
      batch.accounts.push(...mapped.accounts);
      batch.persons.push(...mapped.persons);
      batch.opportunities.push(...mapped.opportunities);
      batch.activities.push(...mapped.activities);
      batch.campaigns.push(...mapped.campaigns);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      const record = named.mapping.entity === 'persons' ? { record: salvagePersonRow(compiled, item.values) } : {};
      rejects.push({ file: display, row: item.row, field: e.field, reason: e.message, raw: item.values.join(csv.delimiter).slice(0, 500), ...record });
    }
  };
  const warnings = [
    ...csv.warnings,
    ...compiled.warnings.map((w) => `${display}: ${w}`),
    ...(compiled.missingColumns.length && named.mapping.warnMissingColumns
      ? [`${display}: the mapping ${named.name} names columns the file lacks (read as empty): ${compiled.missingColumns.join(', ')}`]
      : []),
  ];
  return {
    path: csv.path,
    mappingName: named.name,
    entity: named.mapping.entity,
    bytes: csv.bytes,
    warnings,
    async *chunks(onProgress?: (p: ImportProgress) => void): AsyncGenerator<ImportChunk> {
      let batch = newBatch();
      let rejects: Reject[] = [];
      let rows = 0;
      const progress = (bytesRead: number): void => onProgress?.({ file: csv.path, bytesRead, bytesTotal: csv.bytes });
      for await (const items of csv.batches(progress)) {
        for (const item of items) {
          rows++;
          take(item, batch, rejects);
          if (rows >= ROWS_PER_CHUNK) {
            yield { file: display, batch, rejects, rows };
            batch = newBatch();
            rejects = [];
            rows = 0;
          }
        }
      }
      if (rows > 0) yield { file: display, batch, rejects, rows };
    },
  };
}

export async function openCsvImportFile(path: string, named: NamedMapping, encoding?: Encoding): Promise<ImportFile> {
  const csv = await openCsv(path, { delimiter: named.mapping.delimiter, encoding: encoding ?? named.mapping.encoding });
  return csvImportFile(csv, named);
}
