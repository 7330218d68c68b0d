'use strict';
// summarize.js [results/raw.jsonl] [run_id|all]
// Markdown summary of one bench run (default: the latest run_id in the file): per-side
// figures as median [min–max] over the repetitions, the queuectl ÷ Node ratios computed
// within each repetition, and PASS/MISS against the targets.
const path = require('node:path');
const C = require('./common');

const FILE = path.resolve(process.argv[2] || path.join(__dirname, 'results', 'raw.jsonl'));
const { run: RUN, recs, meta } = C.loadRun(FILE, process.argv[3]);

const { fmt, medianRange: mr } = C;
const out = [];
const p = (s = '') => out.push(s);

// ---- enqueue ----
function derive(r) {
  const n = r.n;
  return {
    rep: r.rep,
    jobs_per_s: n / r.wall_s,
    proc_jobs_per_s: n / r.proc_wall_s,
    wall_s: r.wall_s,
    proc_wall_s: r.proc_wall_s,
    client_us: (r.client_cpu_s * 1e6) / n,
    redis_us: (r.redis_cpu_s * 1e6) / n,
    lua_us: (r.redis_lua_s * 1e6) / n,
    lua_per_job: r.redis_lua_calls / n,
    cmds_per_job: r.redis_cmds / n,
    ceiling: n / r.redis_cpu_s,
    redis_pct: (100 * r.redis_cpu_s) / r.wall_s,
    client_pct: (100 * r.client_cpu_s) / r.wall_s,
    rss: r.maxrss_mb,
    setup_ms: r.setup_ms,
    other_cores: r.other_cpu_s / r.proc_wall_s,
    load: r.load1_before,
    conns: r.redis_conns,
    breakdown: r.redis_cmd_breakdown,
    sample: r.sample_job,
  };
}
const enq = { queuectl: [], node: [] };
for (const r of recs.filter((x) => x.case === 'enqueue')) enq[r.side].push(derive(r));
const col = (side, k) => enq[side].map((x) => x[k]);

const title = `queuectl bench, ${meta.date ? meta.date.slice(0, 10) : '?'}`;
p(`## ${title}`);
p();
p(`| | |`);
p(`|---|---|`);
p(`| run | \`${RUN}\`, ${meta.reps ?? '?'} interleaved reps |`);
p(`| machine | ${meta.nproc ?? '?'} CPUs (\`nproc\`), ${meta.cpu_model ?? '?'}, ${meta.mem_gib ?? '?'} GiB, Linux ${meta.kernel ?? '?'}; shared, noisy |`);
p(`| Redis | ${meta.redis_version ?? '?'}, private instance, \`--save '' --appendonly no\` |`);
p(`| Node | ${meta.node ?? '?'}, bullmq ${meta.bullmq ?? '?'}, ioredis ${meta.ioredis ?? '?'} |`);
p(`| queuectl | ${meta.queuectl_version ?? '?'} (release build) |`);
p();

const checks = [];
function check(label, xs, op, target, note = '') {
  const m = C.median(xs);
  const ok = Number.isFinite(m) && (op === '>=' ? m >= target : m <= target);
  checks.push(`| ${label} | ${mr(xs)} | ${op === '>=' ? '≥' : '≤'} ${target} | **${ok ? 'PASS' : 'MISS'}**${note ? ` ${note}` : ''} |`);
}

if (enq.queuectl.length || enq.node.length) {
  const N = (recs.find((x) => x.case === 'enqueue') || {}).n;
  p(`### 1. enqueue bulk, ${fmt(N)} jobs (\`{"i": n, "s": "hello world"}\`, name \`bench\`, attempts 3, fixed 5 s backoff, removeOnComplete 100, removeOnFail 50)`);
  p();
  p('median [min–max] over the reps. queuectl: the whole `queuectl enqueue --file` process (startup, reading and validating the file, connect, writes, exit). Node: `addBulk` in batches of 1000, timed window after require + connect + warm-up; the "whole process" row is the same Node runs timed from spawn to exit.');
  p();
  p('| side | jobs/s | wall s | client CPU µs/job | Redis CPU µs/job | Lua µs/job | Lua calls/job | Redis cmds/job | Redis-bound ceiling jobs/s | Redis CPU % | peak RSS MB | other processes, cores busy |');
  p('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const side of ['queuectl', 'node']) {
    if (!enq[side].length) continue;
    const label = side === 'queuectl' ? 'queuectl (whole process)' : 'Node addBulk (timed window)';
    p(`| ${label} | **${mr(col(side, 'jobs_per_s'))}** | ${mr(col(side, 'wall_s'))} | ${mr(col(side, 'client_us'))} | ${mr(col(side, 'redis_us'))} | ${mr(col(side, 'lua_us'))} | ${fmt(C.median(col(side, 'lua_per_job')))} | ${fmt(C.median(col(side, 'cmds_per_job')))} | ${mr(col(side, 'ceiling'))} | ${fmt(C.median(col(side, 'redis_pct')))} | ${mr(col(side, 'rss'))} | ${mr(col(side, 'other_cores'))} |`);
  }
  if (enq.node.length) {
    p(`| Node addBulk (whole process) | ${mr(col('node', 'proc_jobs_per_s'))} | ${mr(col('node', 'proc_wall_s'))} | | | | | | | | | |`);
    p();
    p(`Node startup + connect + warm-up before its timed window: ${mr(col('node', 'setup_ms'))} ms.`);
    p();
    p('"other processes, cores busy" = machine-wide busy CPU (/proc/stat) during the process minus the CPU of the client and of Redis, ÷ wall: how much of the machine something else was using. On a 2-core machine anything well above 0.1 means the run competed for CPU.');
  }
  p();

  // per-rep ratios, same rep only
  const reps = [...new Set(enq.queuectl.map((x) => x.rep))].filter((rep) => enq.node.some((x) => x.rep === rep));
  const pair = (rep) => [enq.queuectl.find((x) => x.rep === rep), enq.node.find((x) => x.rep === rep)];
  const ratio = (f) => reps.map((rep) => f(...pair(rep)));
  if (reps.length) {
    check('enqueue: queuectl jobs/s ÷ Node jobs/s', ratio((q, n) => q.jobs_per_s / n.jobs_per_s), '>=', 1.6);
    check('enqueue: queuectl jobs/s ÷ Redis-bound ceiling (queuectl\'s own Redis µs/job)', ratio((q) => q.jobs_per_s / q.ceiling), '>=', 0.85);
    check('enqueue: queuectl jobs/s ÷ Redis-bound ceiling (Node add path\'s Redis µs/job, same rep)', ratio((q, n) => q.jobs_per_s / n.ceiling), '>=', 0.85);
    check('enqueue: queuectl client CPU/job ÷ Node client CPU/job', ratio((q, n) => q.client_us / n.client_us), '<=', 0.25);
    checks.push(`| (info) enqueue: queuectl jobs/s ÷ Node whole-process jobs/s | ${mr(ratio((q, n) => q.jobs_per_s / n.proc_jobs_per_s))} | – | – |`);
    checks.push(`| (info) enqueue: queuectl Redis CPU/job ÷ Node Redis CPU/job | ${mr(ratio((q, n) => q.redis_us / n.redis_us))} | – | – |`);
  }

  // per-command breakdown of the last rep, to see where Redis time goes
  const last = (side) => enq[side][enq[side].length - 1];
  for (const side of ['queuectl', 'node']) {
    const l = last(side);
    if (!l || !l.breakdown) continue;
    const rows = Object.entries(l.breakdown)
      .sort((a, b) => b[1].usec - a[1].usec)
      .slice(0, 6)
      .map(([k, v]) => `${k} ${fmt(v.calls)} calls / ${fmt(v.usec / 1000)} ms`);
    p(`Redis commands in ${side}'s window (rep ${l.rep}): ${rows.join('; ')}; ${l.conns} new connection(s).`);
    p();
  }
  const sq = last('queuectl') && last('queuectl').sample;
  const sn = last('node') && last('node').sample;
  if (sq && sn) {
    const same = sq.opts === sn.opts && sq.data === sn.data && sq.name === sn.name;
    p(`Stored job check (oldest job of the last rep): ${same ? 'queuectl and Node wrote the same name, data and opts' : 'queuectl and Node jobs DIFFER'}.`);
    p(`queuectl \`${sq.name}\` data \`${sq.data}\` opts \`${sq.opts}\`; Node \`${sn.name}\` data \`${sn.data}\` opts \`${sn.opts}\`.`);
    if (JSON.stringify(sq.fields) !== JSON.stringify(sn.fields)) p(`Hash fields: queuectl ${sq.fields.join(',')}; Node ${sn.fields.join(',')}.`);
    p();
  }
}

// ---- stats ----
const st = { queuectl: [], node: [], spawn_baseline: [] };
for (const r of recs.filter((x) => x.case === 'stats')) st[r.side].push(r);
if (st.queuectl.length || st.node.length) {
  const it = (st.queuectl[0] || st.node[0]).iterations;
  p(`### 2. cold stats (\`queuectl stats Q --json\` vs \`node node-stats.js Q\`, queue of 1000 waiting jobs, ${it} spawns each per rep, alternating)`);
  p();
  p('Wall = spawn to exit measured around `/usr/bin/time`, so it includes GNU time\'s own fork+exec (see the `/bin/true` row). Per rep the median of the spawns; the table shows the median [min–max] of those rep medians. Peak RSS = GNU time `%M`.');
  p();
  p('| command | wall ms | peak RSS MB | CPU ms (user+sys, GNU time, 10 ms resolution) |');
  p('|---|---|---|---|');
  const label = { queuectl: '`queuectl stats Q --json`', node: '`node node-stats.js Q`', spawn_baseline: '`/usr/bin/time /bin/true` (spawn baseline)' };
  for (const side of ['queuectl', 'node', 'spawn_baseline']) {
    if (!st[side].length) continue;
    p(`| ${label[side]} | **${mr(st[side].map((x) => x.wall_ms_median))}** | ${mr(st[side].map((x) => x.maxrss_mb_median))} | ${fmt(C.median(st[side].map((x) => x.cpu_s_median * 1000)))} |`);
  }
  p();
  const reps = st.queuectl.map((x) => x.rep).filter((rep) => st.node.some((x) => x.rep === rep));
  const by = (side, rep) => st[side].find((x) => x.rep === rep);
  if (reps.length) {
    check('stats: queuectl wall ÷ Node wall', reps.map((rep) => by('queuectl', rep).wall_ms_median / by('node', rep).wall_ms_median), '<=', 0.05);
    if (st.spawn_baseline.length)
      checks.push(`| (info) stats: same, spawn baseline subtracted from both | ${mr(reps.map((rep) => {
        const b = by('spawn_baseline', rep).wall_ms_median;
        return (by('queuectl', rep).wall_ms_median - b) / (by('node', rep).wall_ms_median - b);
      }))} | – | – |`);
  }
  if (st.queuectl.length) check('stats: queuectl peak RSS MB', st.queuectl.map((x) => x.maxrss_mb_median), '<=', 15, `(largest single spawn ${fmt(Math.max(...st.queuectl.map((x) => x.maxrss_mb_max)))} MB)`);
}

if (checks.length) {
  p('### Targets (ratios computed within each rep, then median [min–max])');
  p();
  p('| check | value | target | result |');
  p('|---|---|---|---|');
  for (const c of checks) p(c);
  p();
}
const loads = recs.filter((r) => typeof r.load1_before === 'number').map((r) => r.load1_before);
if (loads.length) p(`1-minute load average before the measurements: ${mr(loads)} (on ${meta.nproc ?? '?'} CPUs).`);
console.log(out.join('\n'));
