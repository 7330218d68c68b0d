'use strict';
// search/driver.js REPS OUT: the search bench (issue 14 point 2), run by search/run.sh against
// the private Redis it started. By hand:
//   REDIS_PORT=... QUEUECTL=../../target/release/queuectl node search/driver.js 3 results/search/raw.jsonl
//
// FLUSHALL, then search/fill.js fills one queue with BENCH_N (default 200000) mixed jobs (not
// timed). Then, REPS times, each case runs `queuectl search Q --limit 0 --json FILTER` under
// /usr/bin/time with `INFO all` read just before and just after:
//   small: --name no-such-name   every id read, every job's small fields read, nothing matches
//   data:  --data i=-1           the same, plus every job's `data` read (in the same HMGET) and parsed
//   name+data: --name refresh --data i=-1   a quarter of the jobs pass the name, and only
//                                their `data` is read, in a second pipeline
// Jobs scanned/s = BENCH_N / wall time of the process (spawn to exit, connect included).
// Redis busy = (used_cpu_user + used_cpu_sys after - before) / wall time: the share of one
// core Redis spent serving the search (nothing else talks to the private Redis meanwhile).
// Appends one JSON line per measurement to OUT.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const IORedis = require('ioredis');
const C = require('../common.js');

const REPS = parseInt(process.argv[2] || '3', 10);
const OUT = path.resolve(process.argv[3]);
const N = parseInt(process.env.BENCH_N || '200000', 10);
const QUEUECTL = process.env.QUEUECTL;
const QUEUE = 'bench-search';
const CASES = {
  small: ['--name', 'no-such-name'],
  data: ['--data', 'i=-1'],
  'name+data': ['--name', 'refresh', '--data', 'i=-1'],
};
// Extra `queuectl search` flags, e.g. BENCH_SEARCH_ARGS='--max-redis-busy 30'.
const EXTRA = (process.env.BENCH_SEARCH_ARGS || '').trim().split(/\s+/).filter(Boolean);

(async () => {
  const redis = new IORedis(C.connection());
  await redis.flushall();
  const fill = spawnSync('node', [path.join(__dirname, 'fill.js'), QUEUE, String(N)], { encoding: 'utf8', env: process.env });
  if (fill.status !== 0) throw new Error(`fill.js failed: ${fill.stderr}`);
  process.stderr.write(`[bench search] filled ${QUEUE}: ${fill.stdout.trim()}\n`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const env = { ...process.env, REDIS_URL: `redis://127.0.0.1:${process.env.REDIS_PORT}` };
  for (let rep = 1; rep <= REPS; rep++) {
    for (const [name, filter] of Object.entries(CASES)) {
      const before = await C.infoSnapshot(redis);
      const t0 = process.hrtime.bigint();
      const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', QUEUECTL, 'search', QUEUE, '--limit', '0', '--json', ...filter, ...EXTRA], { encoding: 'utf8', env });
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const after = await C.infoSnapshot(redis);
      if (run.status !== 0) throw new Error(`queuectl search failed: ${run.stderr}`);
      if (run.stdout.trim() !== '') throw new Error(`case ${name} matched jobs: ${run.stdout.slice(0, 200)}`);
      const [user, sys, rssKb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
      const delta = C.redisDelta(before, after);
      const rec = {
        run: process.env.BENCH_RUN_ID, rep, case: name, args: EXTRA.join(' '), n: N, wall_s: wall,
        jobs_per_s: Math.round(N / wall), redis_busy: delta.redis_cpu_s / wall,
        redis_cpu_s: delta.redis_cpu_s, redis_cmds: delta.redis_cmds,
        client_cpu_s: user + sys, client_rss_mb: rssKb / 1024,
      };
      fs.appendFileSync(OUT, JSON.stringify(rec) + '\n');
      process.stderr.write(`[bench search] rep ${rep} ${name}: ${rec.jobs_per_s} jobs/s, Redis busy ${(100 * rec.redis_busy).toFixed(1)} %\n`);
    }
  }
  await redis.quit();
})().catch((e) => {
  process.stderr.write(`driver.js: ${e.stack || e}\n`);
  process.exit(1);
});
