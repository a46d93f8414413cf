/**
 * Import speed through the generic presets: N persons (generic-persons) and N × K activities
 * (generic-activities), generated into the OS temp dir, imported into a fresh SQLite file (or the
 * database given), timed per file, with the reading path alone (no store) as a floor.
 *
 * Run: `npm run build && node dist/bench/import-generic.js [persons=100000] [activitiesPerPerson=10] [db]`
 * Profile: add `--cpu-prof` after `node` and open the .cpuprofile in Chrome's DevTools.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServices } from '../main/services.js';
import { resolveImportFiles } from '../importers/resolve-import-files.js';

const TYPES = ['email_sent', 'email_open', 'email_click', 'page_view', 'form_fill', 'call_attempt', 'meeting'];

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** Persons with a name in Arabic every 50th row; activities spread over the person's first weeks. */
export async function writeGenericExports(dir: string, persons: number, perPerson: number): Promise<{ persons: string; activities: string }> {
  const personsFile = join(dir, 'persons.csv');
  const activitiesFile = join(dir, 'activities.csv');
  const day = (i: number): string => new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString();
  await writeLines(personsFile, 'id,email,first_name,last_name,company,source,country,created_at,lead_score', persons, (i) =>
    `p${i},person${i}@example${i % 997}.com,${i % 50 === 0 ? 'محمد' : 'Ann'},Lee${i % 100},"Company ${i % 5000}, Inc.",src${i % 7},${i % 50 === 0 ? 'EG' : 'US'},${day(i)},${i % 100}`);
  await writeLines(activitiesFile, 'id,person_id,type,occurred_at,channel', persons * perPerson, (n) => {
    const i = Math.floor(n / perPerson);
    const at = new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000 + ((n % perPerson) + 1) * 3_600_000).toISOString();
    return `a${n},p${i},${TYPES[n % TYPES.length]},${at},web`;
  });
  return { persons: personsFile, activities: activitiesFile };
}

async function readOnly(path: string, preset: string): Promise<number> {
  const t0 = performance.now();
  for (const f of await resolveImportFiles({ paths: [path], preset })) for await (const chunk of f.chunks()) void chunk;
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const persons = Number(process.argv[2] ?? 100_000);
  const perPerson = Number(process.argv[3] ?? 10);
  const work = mkdtempSync(join(tmpdir(), 'tandem-import-bench-'));
  const db = process.argv[4] ?? join(work, 'bench.db');
  try {
    const files = await writeGenericExports(work, persons, perPerson);
    const services = await openServices(db);
    const log = (s: string): void => void process.stdout.write(`${s}\n`);
    log(`\n## Import through the generic presets (${services.dialect})`);
    for (const [file, preset, rows] of [[files.persons, 'generic-persons', persons], [files.activities, 'generic-activities', persons * perPerson]] as const) {
      const read = await readOnly(file, preset);
      const t0 = performance.now();
      const r = await services.importFiles({ paths: [file], preset, replay: false });
      const s = (performance.now() - t0) / 1000;
      const again0 = performance.now();
      await services.importFiles({ paths: [file], preset, replay: false });
      const again = (performance.now() - again0) / 1000;
      log(`  ${preset.padEnd(20)} ${rows.toLocaleString('en-US').padStart(10)} rows ${(statSync(file).size / (1 << 20)).toFixed(0).padStart(4)} MiB  import ${s.toFixed(1)} s = ${Math.round(rows / s).toLocaleString('en-US')} rows/s  (reading alone ${read.toFixed(1)} s; re-import ${again.toFixed(1)} s; rejected ${r.rejected})`);
    }
    const t0 = performance.now();
    const replayed = await services.replay(null);
    log(`  replay of ${replayed.persons.toLocaleString('en-US')} persons: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    await services.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
