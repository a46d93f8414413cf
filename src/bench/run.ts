/**
 * `npm run bench [-- NAME…]`: the slow measurements that do not belong in the tests.
 * With no names every bench runs; each prints its figures (copied into docs/performance.md).
 */
import { join } from 'node:path';
import { benchCsvParsers } from './csv-parsers.js';

const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

const BENCHES: Record<string, () => Promise<unknown>> = {
  csv: () => benchCsvParsers(SHARED_DATA),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`no bench "${name}"; the benches are: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(64);
  }
  await bench();
}
