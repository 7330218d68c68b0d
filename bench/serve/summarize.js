'use strict';
// serve/summarize.js RAW: a markdown table of the fan-out bench's reps (and their medians).
const fs = require('node:fs');
const { median } = require('../common.js');

const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const cols = ['rep', 'jobs', 'clients', 'events_per_client', 'received', 'complete', 'dropped', 'p50_ms', 'p99_ms', 'max_ms', 'server_peak_rss_mb', 'server_cpu_s', 'worker_elapsed_s'];
const out = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
for (const r of rows) out.push(`| ${cols.map((c) => r[c]).join(' | ')} |`);
if (rows.length > 1) out.push(`| median | ${cols.slice(1).map((c) => median(rows.map((r) => r[c]))).join(' | ')} |`);
process.stdout.write(out.join('\n') + '\n');
