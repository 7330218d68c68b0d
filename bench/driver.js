'use strict';
// driver.js: runs the bench cases against the private Redis that run.sh started.
// Normally called by run.sh; by hand:
//   REDIS_PORT=... QUEUECTL=../target/release/queuectl BENCH_TMP=/tmp/x node driver.js REPS OUT
//
// Cases, interleaved (rep 1 of every case, then rep 2, ...; the order of the two sides
// alternates between reps):
//   enqueue  queuectl enqueue --file (whole process timed)  vs  node-addbulk.js (timed window
//            after startup + warm-up; the whole process is timed too)
//   stats    queuectl stats Q --json  vs  node node-stats.js Q, STATS_ITER spawns each,
//            alternating, under /usr/bin/time; plus /usr/bin/time /bin/true as the spawn baseline
// Appends one JSON line per measurement to OUT.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const IORedis = require('ioredis');
const { Queue } = require('bullmq');
const C = require('./common');

const REPS = parseInt(process.argv[2] || '3', 10);
const OUT = path.resolve(process.argv[3] || path.join(__dirname, 'results', 'raw.jsonl'));
const N = parseInt(process.env.BENCH_N || '100000', 10);
const WARM_N = 100;
const STATS_ITER = parseInt(process.env.BENCH_STATS_ITER || '20', 10);
const STATS_FILL = 1000;
const QUEUECTL = path.resolve(process.env.QUEUECTL || path.join(__dirname, '..', 'target', 'release', 'queuectl'));
const TMP = process.env.BENCH_TMP || fs.mkdtempSync(path.join(os.tmpdir(), 'queuectl-bench-'));
const GNU_TIME = process.env.GNU_TIME || '/usr/bin/time';
const REDIS_CLI = process.env.REDIS_CLI || 'redis-cli';
const RUN_ID = process.env.BENCH_RUN_ID || new Date().toISOString();

const { conn, qctlEnv, nodeEnv, log, die, record } = C.driverKit('bench', OUT, RUN_ID);

// Runs argv under GNU time; returns wall (ms, measured around the spawn), GNU time's fields,
// exit status, stdout/stderr.
const TIME_FMT = 'BENCHTIME %e %U %S %M';
function timed(argv, opts = {}) {
  const t0 = C.nowMs();
  const p = spawnSync(GNU_TIME, ['-f', TIME_FMT, ...argv], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    ...opts,
  });
  const wall_ms = C.nowMs() - t0;
  if (p.error) die(`could not run ${argv[0]}: ${p.error.message}`);
  const lines = (p.stderr || '').split('\n');
  const tl = lines.filter((l) => l.startsWith('BENCHTIME ')).pop();
  if (!tl) die(`no GNU time line for ${argv.join(' ')}; stderr:\n${p.stderr}`);
  const [e, u, s, m] = tl.split(' ').slice(1).map(Number);
  return {
    status: p.status,
    wall_ms,
    time_elapsed_s: e,
    user_s: u,
    sys_s: s,
    cpu_s: C.round(u + s, 2),
    maxrss_mb: C.round(m / 1024, 2),
    stdout: p.stdout || '',
    stderr: lines.filter((l) => !l.startsWith('BENCHTIME ')).join('\n').trim(),
  };
}

function redisCli(...args) {
  const p = spawnSync(REDIS_CLI, ['-h', conn.host, '-p', String(conn.port), ...args], { encoding: 'utf8' });
  if (p.status !== 0) die(`redis-cli ${args.join(' ')} failed: ${p.stderr}`);
  return p.stdout.trim();
}

// Waiting jobs of a queue as counted by redis-cli (wait list + prioritized set).
function countWaiting(queue) {
  const wait = parseInt(redisCli('LLEN', `bull:${queue}:wait`), 10);
  const prio = parseInt(redisCli('ZCARD', `bull:${queue}:prioritized`), 10);
  return { wait, prioritized: prio, total: wait + prio };
}

// The stored form of the oldest job, to check both sides write the same job.
async function sampleJob(r, queue) {
  let id = await r.lindex(`bull:${queue}:wait`, -1);
  if (!id) id = (await r.zrange(`bull:${queue}:prioritized`, 0, 0))[0];
  if (!id) return null;
  const h = await r.hgetall(`bull:${queue}:${id}`);
  return { id, name: h.name, data: h.data, opts: h.opts, fields: Object.keys(h).sort() };
}

// Optional (BENCH_QUIET_WAIT=SECONDS): before each enqueue measurement, wait up to that long
// for the rest of the machine to go quiet (< BENCH_QUIET_CORES busy cores over 3 s).
const QUIET_WAIT = parseFloat(process.env.BENCH_QUIET_WAIT || '0');
const QUIET_CORES = parseFloat(process.env.BENCH_QUIET_CORES || '0.3');
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
async function waitQuiet() {
  if (!(QUIET_WAIT > 0)) return {};
  const t0 = C.nowMs();
  let busy = NaN;
  for (;;) {
    const b0 = C.machineBusyS();
    await sleep(3000);
    busy = (C.machineBusyS() - b0) / 3;
    const waited = (C.nowMs() - t0) / 1000;
    if (busy < QUIET_CORES) return { quiet_wait_s: C.round(waited, 1), busy_cores_before: C.round(busy, 2) };
    if (waited >= QUIET_WAIT) {
      log(`machine still busy (${busy.toFixed(2)} cores) after ${waited.toFixed(0)} s; measuring anyway`);
      return { quiet_wait_s: C.round(waited, 1), busy_cores_before: C.round(busy, 2), quiet_timeout: true };
    }
  }
}

const short = (s, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

async function enqueueQueuectl(r, rep, file, warmFile) {
  await r.flushall();
  const warm = timed([QUEUECTL, 'enqueue', '--file', warmFile, '--queue', 'bench-warmup', '--json', '--quiet'], { env: qctlEnv });
  if (warm.status !== 0) die(`queuectl warm-up enqueue exited ${warm.status}:\n${warm.stderr}\n${short(warm.stdout)}`);
  const wc = countWaiting('bench-warmup');
  if (wc.total !== WARM_N) die(`queuectl warm-up: expected ${WARM_N} waiting jobs, redis-cli counts ${JSON.stringify(wc)}`);
  await r.flushall(); // keys gone; the Lua scripts stay cached (SCRIPT FLUSH is separate)

  const queue = `bench-qctl-${rep}`;
  const quiet = await waitQuiet();
  const load1 = os.loadavg()[0];
  const before = await C.infoSnapshot(r);
  const busy0 = C.machineBusyS();
  const t = timed([QUEUECTL, 'enqueue', '--file', file, '--queue', queue, '--json', '--quiet'], { env: qctlEnv });
  const busy1 = C.machineBusyS();
  const after = await C.infoSnapshot(r);
  if (t.status !== 0) die(`queuectl enqueue exited ${t.status}:\n${t.stderr}\n${short(t.stdout)}`);
  const count = countWaiting(queue);
  if (count.total !== N) die(`queuectl enqueue: expected ${N} waiting jobs in ${queue}, redis-cli counts ${JSON.stringify(count)}`);
  const rec = {
    case: 'enqueue',
    side: 'queuectl',
    rep,
    n: N,
    load1_before: C.round(load1, 2),
    ...quiet,
    wall_s: C.round(t.wall_ms / 1000, 4), // whole process, measured around the spawn
    proc_wall_s: C.round(t.wall_ms / 1000, 4),
    time_elapsed_s: t.time_elapsed_s,
    client_cpu_s: t.cpu_s,
    client_user_s: t.user_s,
    client_sys_s: t.sys_s,
    maxrss_mb: t.maxrss_mb,
    ...C.redisDelta(before, after),
    other_cpu_s: C.round(busy1 - busy0 - t.cpu_s - (after.cpu_s - before.cpu_s), 2),
    count,
    stdout_bytes: Buffer.byteLength(t.stdout),
    stdout_head: short(t.stdout.trim(), 300),
    stderr_head: short(t.stderr, 300),
    sample_job: await sampleJob(r, queue),
  };
  record(rec);
  return rec;
}

async function enqueueNode(r, rep) {
  await r.flushall();
  const queue = `bench-node-${rep}`;
  const quiet = await waitQuiet();
  const load1 = os.loadavg()[0];
  const before = await C.infoSnapshot(r);
  const busy0 = C.machineBusyS();
  const t = timed([process.execPath, path.join(__dirname, 'node-addbulk.js'), String(N), queue, '1000'], { env: nodeEnv, cwd: __dirname });
  const busy1 = C.machineBusyS();
  const after = await C.infoSnapshot(r);
  if (t.status !== 0) die(`node-addbulk.js exited ${t.status}:\n${t.stderr}`);
  const line = t.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) die(`node-addbulk.js printed no JSON: ${t.stdout}`);
  const inner = JSON.parse(line);
  const count = countWaiting(queue);
  if (count.total !== N) die(`node addBulk: expected ${N} waiting jobs in ${queue}, redis-cli counts ${JSON.stringify(count)}`);
  const whole = C.redisDelta(before, after);
  const rec = {
    case: 'enqueue',
    side: 'node',
    rep,
    load1_before: C.round(load1, 2),
    ...quiet,
    ...inner, // n, wall_s / client_cpu_s / redis_* of the timed window
    proc_wall_s: C.round(t.wall_ms / 1000, 4),
    proc_cpu_s: t.cpu_s,
    time_elapsed_s: t.time_elapsed_s,
    maxrss_mb: t.maxrss_mb,
    proc_redis_cpu_s: whole.redis_cpu_s, // whole process incl. warm-up
    // CPU used by other processes over the whole Node process (not just its window)
    other_cpu_s: C.round(busy1 - busy0 - t.cpu_s - whole.redis_cpu_s, 2),
    count,
    sample_job: await sampleJob(r, queue),
  };
  record(rec);
  return rec;
}

async function fillStatsQueue(queue) {
  const q = new Queue(queue, { connection: conn });
  const jobs = [];
  for (let i = 0; i < STATS_FILL; i++) jobs.push({ name: C.JOB_NAME, data: C.payload(i) });
  await q.addBulk(jobs);
  await q.close();
  const c = countWaiting(queue);
  if (c.total !== STATS_FILL) die(`stats fill: expected ${STATS_FILL} waiting, got ${JSON.stringify(c)}`);
}

// Finds a `waiting`/`wait` count anywhere in queuectl's JSON.
function findWaiting(v) {
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'waiting' || k === 'wait') && typeof x === 'number') return x;
      const f = findWaiting(x);
      if (f !== undefined) return f;
    }
  }
  return undefined;
}

async function stats(r, rep) {
  await r.flushall();
  const queue = 'bench-stats';
  await fillStatsQueue(queue);
  const cmds = {
    queuectl: { argv: [QUEUECTL, 'stats', queue, '--json'], opts: { env: qctlEnv } },
    node: { argv: [process.execPath, path.join(__dirname, 'node-stats.js'), queue], opts: { env: nodeEnv, cwd: __dirname } },
    spawn_baseline: { argv: ['/bin/true'], opts: {} },
  };
  const res = { queuectl: [], node: [], spawn_baseline: [] };
  let outputs = {};
  const quiet = await waitQuiet();
  const load1 = os.loadavg()[0];
  // one untimed run of each first (page cache), then STATS_ITER alternating
  for (const k of Object.keys(cmds)) timed(cmds[k].argv, cmds[k].opts);
  for (let i = 0; i < STATS_ITER; i++) {
    const order = i % 2 ? ['node', 'queuectl', 'spawn_baseline'] : ['queuectl', 'node', 'spawn_baseline'];
    for (const k of order) {
      const t = timed(cmds[k].argv, cmds[k].opts);
      if (t.status !== 0) die(`${k} stats exited ${t.status}:\n${t.stderr}\n${short(t.stdout)}`);
      res[k].push({ wall_ms: t.wall_ms, time_elapsed_s: t.time_elapsed_s, maxrss_mb: t.maxrss_mb, cpu_s: t.cpu_s });
      outputs[k] = t.stdout.trim();
    }
  }
  // sanity: both report the 1000 waiting jobs
  let qj;
  try {
    qj = JSON.parse(outputs.queuectl);
  } catch (e) {
    die(`queuectl stats --json printed invalid JSON: ${short(outputs.queuectl)}`);
  }
  const qWaiting = findWaiting(qj);
  const nWaiting = JSON.parse(outputs.node).waiting;
  if (nWaiting !== STATS_FILL) die(`node-stats.js reports waiting=${nWaiting}, expected ${STATS_FILL}`);
  if (qWaiting !== STATS_FILL) die(`queuectl stats --json: no waiting=${STATS_FILL} in ${short(outputs.queuectl)}`);
  for (const side of Object.keys(res)) {
    const xs = res[side];
    record({
      case: 'stats',
      side,
      rep,
      iterations: xs.length,
      load1_before: C.round(load1, 2),
      ...quiet,
      wall_ms_median: C.round(C.median(xs.map((x) => x.wall_ms)), 2),
      wall_ms_min: C.round(Math.min(...xs.map((x) => x.wall_ms)), 2),
      wall_ms_max: C.round(Math.max(...xs.map((x) => x.wall_ms)), 2),
      maxrss_mb_median: C.round(C.median(xs.map((x) => x.maxrss_mb)), 2),
      maxrss_mb_max: Math.max(...xs.map((x) => x.maxrss_mb)),
      cpu_s_median: C.round(C.median(xs.map((x) => x.cpu_s)), 3),
      samples: xs.map((x) => ({ ...x, wall_ms: C.round(x.wall_ms, 2) })),
      output: side === 'spawn_baseline' ? undefined : short(outputs[side], 600),
    });
  }
  return {
    queuectl: C.median(res.queuectl.map((x) => x.wall_ms)),
    node: C.median(res.node.map((x) => x.wall_ms)),
    rss: C.median(res.queuectl.map((x) => x.maxrss_mb)),
  };
}

function machineMeta(redisVersion) {
  return C.machineMeta({
    queuectl: QUEUECTL,
    env: qctlEnv,
    redisVersion,
    extra: { head: {}, tail: { reps: REPS, n: N, stats_iterations: STATS_ITER } },
  });
}

(async () => {
  if (!fs.existsSync(QUEUECTL)) die(`queuectl binary not found at ${QUEUECTL}`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const r = new IORedis(conn);
  const info = await C.infoSnapshot(r);
  record(machineMeta(info.version));

  // the NDJSON input, written once
  const file = path.join(TMP, `jobs-${N}.ndjson`);
  const warmFile = path.join(TMP, `jobs-warmup-${WARM_N}.ndjson`);
  const line = (i) => JSON.stringify({ name: C.JOB_NAME, data: C.payload(i) });
  const lines = [];
  for (let i = 0; i < N; i++) lines.push(line(i));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  fs.writeFileSync(warmFile, lines.slice(0, WARM_N).join('\n') + '\n');
  log(`NDJSON: ${file} (${fs.statSync(file).size} bytes), first line ${lines[0]}`);

  for (let rep = 1; rep <= REPS; rep++) {
    const sides = rep % 2 ? ['queuectl', 'node'] : ['node', 'queuectl'];
    const got = {};
    for (const side of sides) {
      got[side] = side === 'queuectl' ? await enqueueQueuectl(r, rep, file, warmFile) : await enqueueNode(r, rep);
      const g = got[side];
      log(
        `rep ${rep} enqueue ${side}: ${Math.round(N / g.wall_s)} jobs/s, wall ${g.wall_s}s (process ${g.proc_wall_s}s), ` +
          `client CPU ${g.client_cpu_s}s, Redis CPU ${g.redis_cpu_s}s, Lua ${g.redis_lua_s}s, load ${g.load1_before}`,
      );
    }
    const s = await stats(r, rep);
    log(`rep ${rep} stats: queuectl ${s.queuectl.toFixed(1)} ms (${s.rss} MB), node ${s.node.toFixed(1)} ms`);
  }
  await r.flushall();
  await r.quit();
})().catch((e) => {
  console.error(e.benchFatal ? `\nBENCH FAILED: ${e.message}\n` : e);
  process.exit(1);
});
