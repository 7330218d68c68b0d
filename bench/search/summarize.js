'use strict';
// search/summarize.js RAW: the markdown summary of search/driver.js's lines in RAW (the last
// run): per case the median jobs scanned/s and Redis busy share, PASS/MISS against the
// targets (>= 100,000 jobs/s, Redis busy <= 30 %).
const fs = require('node:fs');
const C = require('../common.js');

const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const run = lines[lines.length - 1].run;
const mine = lines.filter((l) => l.run === run);
console.log(`## queuectl search (run ${run}, ${mine[0].n} jobs${mine[0].args ? `, flags ${mine[0].args}` : ''})\n`);
console.log('| case | jobs scanned/s (median) | Redis busy (median) | client CPU s | RSS MB | target |');
console.log('|---|---|---|---|---|---|');
for (const name of [...new Set(mine.map((l) => l.case))]) {
  const of = mine.filter((l) => l.case === name);
  const rate = C.median(of.map((l) => l.jobs_per_s));
  const busy = C.median(of.map((l) => l.redis_busy));
  const pass = rate >= 100000 && busy <= 0.3 ? 'PASS' : 'MISS';
  console.log(`| ${name} | ${Math.round(rate)} | ${(100 * busy).toFixed(1)} % | ${C.median(of.map((l) => l.client_cpu_s)).toFixed(2)} | ${C.median(of.map((l) => l.client_rss_mb)).toFixed(0)} | ${pass} |`);
}
