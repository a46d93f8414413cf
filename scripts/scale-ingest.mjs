// Ingest throughput of N `tandem serve` processes and M `tandem worker` processes on one PostgreSQL
// (docs/scaling.md). Usage: npm run build && TANDEM_TEST_PG_URL=postgres://… node scripts/scale-ingest.mjs SERVERS WORKERS [inline]
// Creates and drops its own database; 200 requests, each 100 new persons and 100 activities, 8 at a time.
import { spawn } from 'node:child_process';
import pg from 'pg';
const CLI = new URL('../dist/main/cli.js', import.meta.url).pathname;
const [servers, workers, inline] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === 'inline'];
const admin = process.env.TANDEM_TEST_PG_URL;
const name = `scale_${Date.now().toString(36)}`;
const c = new pg.Client({ connectionString: admin }); await c.connect(); await c.query(`create database ${name}`); await c.end();
const url = new URL(admin); url.pathname = `/${name}`; const db = url.toString();
const run = (args) => new Promise((res) => { const p = spawn(process.execPath, [CLI, '--db', db, ...args]); let out = ''; p.stdout.on('data', (d) => (out += d)); p.stderr.on('data', (d) => (out += d)); p.on('close', () => res(out)); });
const tokenOut = await run(['token', 'create', '--user', 'bench', '--role', 'sales']);
const token = tokenOut.match(/tdm_[A-Za-z0-9_-]+/)?.[0] ?? tokenOut.split(/\s+/).find((w) => w.length > 30);
const procs = []; const bases = [];
for (let i = 0; i < servers; i++) {
  const port = 18400 + i;
  procs.push(spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', String(port), '--rate-limit', '100000', ...(inline ? [] : ['--no-inline-replay'])], { stdio: 'ignore' }));
  bases.push(`http://127.0.0.1:${port}`);
}
for (let i = 0; i < workers; i++) procs.push(spawn(process.execPath, [CLI, '--db', db, 'worker', '--interval', '1', '--no-nurture', '--no-digests'], { stdio: 'ignore' }));
for (const b of bases) for (;;) { try { await fetch(`${b}/health`); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
const BATCHES = 200, PER = 100, PERSONS = 20000;
const body = (b) => { const persons = [], activities = []; for (let k = 0; k < PER; k++) { const i = (b * PER + k) % PERSONS; if (b < PERSONS / PER) persons.push({ system: 'crm', externalId: `P${i}`, email: `p${i}@example.org`, createdAt: '2026-01-01T00:00:00Z' }); activities.push({ system: 'web', externalId: `A${b}-${k}`, person: { system: 'crm', externalId: `P${i}` }, type: 'page_view', occurredAt: '2026-02-01T00:00:00Z' }); } return { persons, activities }; };
// persons first (one pass), then activities
const t0 = performance.now(); let next = 0; let items = 0;
await Promise.all(Array.from({ length: 8 }, async (_, w) => { for (;;) { const b = next++; if (b >= BATCHES) return; const x = body(b); items += x.persons.length + x.activities.length; const r = await fetch(`${bases[b % bases.length]}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(x) }); if (r.status !== 200) { console.error(r.status, await r.text()); process.exit(1); } await r.arrayBuffer(); } }));
const ingest = (performance.now() - t0) / 1000;
const q = new pg.Client({ connectionString: db }); await q.connect();
for (;;) { const n = Number((await q.query('select count(*) as n from replay_queue')).rows[0].n); if (n === 0) break; await new Promise((r) => setTimeout(r, 100)); }
const drained = (performance.now() - t0) / 1000;
const j = Number((await q.query('select count(*) as n from journeys')).rows[0].n);
await q.end(); for (const p of procs) p.kill('SIGTERM');
console.log(JSON.stringify({ servers, workers, inline, requests: BATCHES, items, ingestS: +ingest.toFixed(2), reqPerS: Math.round(BATCHES / ingest), itemsPerS: Math.round(items / ingest), drainedS: +drained.toFixed(2), journeys: j }));
await new Promise((r) => setTimeout(r, 1500));
const d = new pg.Client({ connectionString: admin }); await d.connect(); await d.query(`drop database if exists ${name} with (force)`); await d.end();
