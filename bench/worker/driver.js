'use strict';
// worker/driver.js REPS OUT: the worker bench (issue 4), run by worker/run.sh against the
// private Redis it started. By hand:
//   REDIS_PORT=... QUEUECTL=../../target/release/queuectl node worker/driver.js 3 results/worker/raw.jsonl
//
// For each rep and each concurrency C (BENCH_CONCURRENCY, default "1 10 50"), both sides,
// interleaved (queuectl first in odd reps, Node first in even reps):
//   FLUSHALL; pre-fill N jobs named `echo`, data {i, s: 'hello world'}, removeOnComplete: true
//   (worker/fill.js, its own process, not timed); INFO before; run the side under
//   /usr/bin/time -f '%e %U %S %M'; INFO after; check the queue is empty and every job
//   completed exactly once.
//   queuectl: `queuectl worker --queue Q --concurrency Q=C --burst --json`. Its NDJSON event
//     stream is read as it arrives: the window runs from the first line read to the line that
//     carries the N-th `completed` event, with INFO and /proc/PID/stat (queuectl's CPU) read
//     at both ends. The whole process (spawn to exit, incl. the --burst drain check) is timed
//     too.
//   Node: worker/node-work.js Q C N Q-warm (drains 500 warm-up jobs first, then times
//     worker.run() to the N-th `completed` event with process.cpuUsage and INFO).
// Appends one JSON line per measurement to OUT.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const IORedis = require('ioredis');
const C = require('../common.js');

const REPS = parseInt(process.argv[2] || '3', 10);
const OUT = path.resolve(process.argv[3] || path.join(__dirname, '..', 'results', 'worker', 'raw.jsonl'));
const N = parseInt(process.env.BENCH_N || '100000', 10);
const CONCS = (process.env.BENCH_CONCURRENCY || '1 10 50').trim().split(/[\s,]+/).map(Number);
// Extra `queuectl worker` flags, e.g. BENCH_WORKER_ARGS=--no-metrics to measure metrics off.
const WORKER_ARGS = (process.env.BENCH_WORKER_ARGS || '').trim().split(/\s+/).filter(Boolean);
// BENCH_METRICS_OFF=1 adds a third side, `queuectl-no-metrics` (the same worker with
// --no-metrics), interleaved with the other two, for the metrics on ÷ off ratio of one run.
const METRICS_OFF = process.env.BENCH_METRICS_OFF === '1';
const WARM_N = 500;
const QUEUECTL = path.resolve(process.env.QUEUECTL || path.join(__dirname, '..', '..', 'target', 'release', 'queuectl'));
const GNU_TIME = process.env.GNU_TIME || '/usr/bin/time';
const REDIS_CLI = process.env.REDIS_CLI || 'redis-cli';
const RUN_ID = process.env.BENCH_RUN_ID || new Date().toISOString();
const QUIET_WAIT = parseFloat(process.env.BENCH_QUIET_WAIT || '0');
const QUIET_CORES = parseFloat(process.env.BENCH_QUIET_CORES || '0.3');
if (!(N > 0) || !CONCS.every((c) => Number.isInteger(c) && c > 0)) throw new Error('bad BENCH_N or BENCH_CONCURRENCY');

const { conn, qctlEnv, nodeEnv, log, die, record } = C.driverKit('bench worker', OUT, RUN_ID);
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const short = (s, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function redisCli(...args) {
  const p = spawnSync(REDIS_CLI, ['-h', conn.host, '-p', String(conn.port), ...args], { encoding: 'utf8' });
  if (p.status !== 0) die(`redis-cli ${args.join(' ')} failed: ${p.stderr}`);
  return p.stdout.trim();
}

// What is left of queue Q, counted by redis-cli.
function leftovers(q) {
  const n = (cmd, key) => parseInt(redisCli(cmd, `bull:${q}:${key}`), 10);
  return {
    wait: n('LLEN', 'wait'),
    active: n('LLEN', 'active'),
    paused: n('LLEN', 'paused'),
    prioritized: n('ZCARD', 'prioritized'),
    delayed: n('ZCARD', 'delayed'),
    completed: n('ZCARD', 'completed'),
    failed: n('ZCARD', 'failed'),
  };
}

function fill(q, warmQ) {
  const args = [path.join(__dirname, 'fill.js'), String(N), q];
  if (warmQ) args.push(warmQ, String(WARM_N));
  const p = spawnSync(process.execPath, args, { encoding: 'utf8', env: nodeEnv, cwd: __dirname });
  if (p.status !== 0) die(`fill.js exited ${p.status}: ${p.stderr}`);
  const wait = parseInt(redisCli('LLEN', `bull:${q}:wait`), 10);
  if (wait !== N) die(`pre-fill: expected ${N} jobs in bull:${q}:wait, redis-cli counts ${wait}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()).fill_s;
}

// Optional: wait up to QUIET_WAIT s for the rest of the machine to go quiet.
async function waitQuiet() {
  if (!(QUIET_WAIT > 0)) return {};
  const t0 = C.nowMs();
  for (;;) {
    const b0 = C.machineBusyS();
    await sleep(3000);
    const busy = (C.machineBusyS() - b0) / 3;
    const waited = (C.nowMs() - t0) / 1000;
    if (busy < QUIET_CORES) return { quiet_wait_s: C.round(waited, 1), busy_cores_before: C.round(busy, 2) };
    if (waited >= QUIET_WAIT) {
      log(`machine still busy (${busy.toFixed(2)} cores) after ${waited.toFixed(0)} s; measuring anyway`);
      return { quiet_wait_s: C.round(waited, 1), busy_cores_before: C.round(busy, 2), quiet_timeout: true };
    }
  }
}

const CLK_TCK = (() => {
  try {
    return parseInt(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout, 10) || 100;
  } catch {
    return 100;
  }
})();
// user+sys CPU seconds of a process from /proc/PID/stat (CLK_TCK resolution), or NaN.
function procCpuS(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK; // fields 14 and 15: utime, stime
  } catch {
    return NaN;
  }
}
// The pid of GNU time's child (the program under test).
function childPid(pid) {
  try {
    const c = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return c ? parseInt(c, 10) : null;
  } catch {
    return null;
  }
}

// Runs argv under GNU time, streaming stdout line by line to onLine(line, nowMs, childPid).
// Resolves with wall (ms, around the spawn), GNU time's fields, status, stderr.
const TIME_FMT = 'BENCHTIME %e %U %S %M';
function timedStream(argv, opts, onLine) {
  return new Promise((resolve, reject) => {
    const t0 = C.nowMs();
    const p = spawn(GNU_TIME, ['-f', TIME_FMT, ...argv], { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let cpid = null;
    let rest = '';
    let err = '';
    let stdoutBytes = 0;
    p.stdout.setEncoding('latin1');
    p.stdout.on('data', (chunk) => {
      const now = C.nowMs();
      stdoutBytes += chunk.length;
      if (cpid === null) cpid = childPid(p.pid);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const l of lines) onLine(l, now, cpid);
    });
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (c) => {
      if (err.length < 1e6) err += c;
    });
    p.on('error', reject);
    p.on('close', (status) => {
      const wall_ms = C.nowMs() - t0;
      if (rest) onLine(rest, C.nowMs(), cpid);
      const lines = err.split('\n');
      const tl = lines.filter((l) => l.startsWith('BENCHTIME ')).pop();
      if (!tl) return reject(new Error(`no GNU time line for ${argv.join(' ')}; stderr:\n${short(err, 2000)}`));
      const [e, u, s, m] = tl.split(' ').slice(1).map(Number);
      resolve({
        status,
        wall_ms,
        time_elapsed_s: e,
        user_s: u,
        sys_s: s,
        cpu_s: C.round(u + s, 2),
        maxrss_mb: C.round(m / 1024, 2),
        stdout_bytes: stdoutBytes,
        stderr: lines.filter((l) => !l.startsWith('BENCHTIME ')).join('\n').trim(),
      });
    });
  });
}

async function measureQueuectl(r, rep, conc, side = 'queuectl') {
  await r.flushall();
  const queue = `bw-${side === "queuectl" ? "qctl" : "qnom"}-c${conc}-r${rep}`;
  const fill_s = fill(queue);
  const quiet = await waitQuiet();
  const load1 = os.loadavg()[0];
  const before = await C.infoSnapshot(r);
  const busy0 = C.machineBusyS();
  const drv0 = process.cpuUsage();

  const ev = { started: 0, completed: 0, failed: 0, retrying: 0, stalled: 0, error: 0, other: 0, lines: 0, nonjson: 0 };
  const errors = [];
  let tFirst = null;
  let tLast = null;
  let tEnd = null;
  let cpuFirst = NaN;
  let cpuLast = NaN;
  let infoFirst = null;
  let infoLast = null;
  const extra = side === 'queuectl-no-metrics' ? ['--no-metrics'] : [];
  const argv = [QUEUECTL, 'worker', '--queue', queue, '--concurrency', `${queue}=${conc}`, '--burst', '--json', ...WORKER_ARGS, ...extra];
  const tSpawn = C.nowMs();
  const t = await timedStream(argv, { env: qctlEnv }, (line, now, cpid) => {
    if (!line) return;
    ev.lines++;
    if (tFirst === null) {
      tFirst = now;
      if (cpid) cpuFirst = procCpuS(cpid);
      infoFirst = C.infoSnapshot(r);
    }
    tEnd = now;
    const m = line.match(/^\{"event":"([a-zA-Z]+)"/);
    if (!m) {
      ev.nonjson++;
      return;
    }
    const k = m[1] in ev ? m[1] : 'other';
    ev[k]++;
    if (k === 'failed' || k === 'error' || k === 'retrying') {
      if (errors.length < 5) errors.push(short(line, 300));
    }
    if (k === 'completed' && ev.completed === N) {
      tLast = now;
      if (cpid) cpuLast = procCpuS(cpid);
      infoLast = C.infoSnapshot(r);
    }
  });
  const drv = process.cpuUsage(drv0);
  const busy1 = C.machineBusyS();
  const after = await C.infoSnapshot(r);
  if (t.status !== 0) die(`queuectl worker exited ${t.status}:\n${short(t.stderr, 2000)}`);
  if (ev.completed !== N || ev.failed || ev.retrying) {
    die(`queuectl worker: ${ev.completed} completed events (expected ${N}), ${ev.failed} failed, ${ev.retrying} retrying: ${errors.join(' | ')}\n${short(t.stderr, 1000)}`);
  }
  const left = leftovers(queue);
  if (Object.values(left).some((x) => x !== 0)) die(`queuectl worker: queue not empty afterwards: ${JSON.stringify(left)}`);
  const [i0, i1] = await Promise.all([infoFirst, infoLast]);
  // INFO taken by the stream reader also count as commands between before/after (2 of them)
  const whole = C.redisDelta(before, after, 3);
  const win = C.redisDelta(i0, i1);
  const winWall = (tLast - tFirst) / 1000;
  const driver_cpu_s = (drv.user + drv.system) / 1e6;
  const rec = {
    case: 'worker',
    side,
    rep,
    concurrency: conc,
    n: N,
    queue,
    fill_s,
    load1_before: C.round(load1, 2),
    ...quiet,
    // the window: first NDJSON line read -> line with the N-th completed event
    wall_s: C.round(winWall, 4),
    client_cpu_s: C.round(cpuLast - cpuFirst, 3), // /proc/PID/stat, 10 ms resolution
    redis_cpu_s: win.redis_cpu_s,
    redis_cmds: win.redis_cmds,
    redis_lua_calls: win.redis_lua_calls,
    redis_lua_s: win.redis_lua_s,
    redis_cmd_breakdown: win.redis_cmd_breakdown,
    // the whole process, spawn to exit
    proc_wall_s: C.round(t.wall_ms / 1000, 4),
    proc_cpu_s: t.cpu_s,
    proc_user_s: t.user_s,
    proc_sys_s: t.sys_s,
    proc_redis_cpu_s: whole.redis_cpu_s,
    proc_redis_lua_calls: whole.redis_lua_calls,
    proc_redis_cmds: whole.redis_cmds,
    redis_conns: whole.redis_conns,
    startup_to_first_line_s: C.round((tFirst - tSpawn) / 1000, 4),
    tail_after_last_completed_s: C.round((tSpawn + t.wall_ms - tLast) / 1000, 4), // --burst drain check + shutdown
    last_line_after_last_completed_s: C.round((tEnd - tLast) / 1000, 4),
    time_elapsed_s: t.time_elapsed_s,
    maxrss_mb: t.maxrss_mb,
    events: ev,
    stdout_bytes: t.stdout_bytes,
    driver_cpu_s: C.round(driver_cpu_s, 3),
    other_cpu_s: C.round(busy1 - busy0 - t.cpu_s - whole.redis_cpu_s - driver_cpu_s, 2),
    leftovers: left,
    redis_version: after.version,
    stderr_head: short(t.stderr, 300),
  };
  record(rec);
  return rec;
}

async function measureNode(r, rep, conc) {
  await r.flushall();
  const queue = `bw-node-c${conc}-r${rep}`;
  const warmQ = `${queue}-warm`;
  const fill_s = fill(queue, warmQ);
  const quiet = await waitQuiet();
  const load1 = os.loadavg()[0];
  const before = await C.infoSnapshot(r);
  const busy0 = C.machineBusyS();
  const drv0 = process.cpuUsage();
  let out = '';
  const argv = [process.execPath, path.join(__dirname, 'node-work.js'), queue, String(conc), String(N), warmQ];
  const t = await timedStream(argv, { env: nodeEnv, cwd: __dirname }, (line) => {
    if (line.startsWith('{')) out = line;
  });
  const drv = process.cpuUsage(drv0);
  const busy1 = C.machineBusyS();
  const after = await C.infoSnapshot(r);
  if (t.status !== 0) die(`node-work.js exited ${t.status}:\n${short(t.stderr, 2000)}`);
  if (!out) die(`node-work.js printed no JSON; stderr: ${short(t.stderr)}`);
  const inner = JSON.parse(out);
  if (inner.done !== N || inner.failed) die(`node-work.js: ${inner.done} completed (expected ${N}), ${inner.failed} failed`);
  const left = leftovers(queue);
  if (Object.values(left).some((x) => x !== 0)) die(`node worker: queue not empty afterwards: ${JSON.stringify(left)}`);
  const whole = C.redisDelta(before, after);
  const driver_cpu_s = (drv.user + drv.system) / 1e6;
  const rec = {
    case: 'worker',
    side: 'node',
    rep,
    concurrency: conc,
    queue,
    fill_s,
    load1_before: C.round(load1, 2),
    ...quiet,
    ...inner, // n, wall_s / client_cpu_s / redis_* of the timed window, vmhwm_mb, setup_ms...
    proc_wall_s: C.round(t.wall_ms / 1000, 4),
    proc_cpu_s: t.cpu_s,
    proc_user_s: t.user_s,
    proc_sys_s: t.sys_s,
    proc_redis_cpu_s: whole.redis_cpu_s, // whole process, incl. the 500-job warm-up
    proc_redis_lua_calls: whole.redis_lua_calls,
    redis_conns: whole.redis_conns,
    time_elapsed_s: t.time_elapsed_s,
    maxrss_mb: t.maxrss_mb,
    driver_cpu_s: C.round(driver_cpu_s, 3),
    other_cpu_s: C.round(busy1 - busy0 - t.cpu_s - whole.redis_cpu_s - driver_cpu_s, 2),
    leftovers: left,
  };
  record(rec);
  return rec;
}

function machineMeta(redisVersion) {
  return C.machineMeta({
    queuectl: QUEUECTL,
    env: qctlEnv,
    redisVersion,
    extra: { head: { bench: 'worker' }, tail: { reps: REPS, n: N, concurrency: CONCS, warm_n: WARM_N } },
  });
}

const fmtRun = (g) =>
  `${Math.round(g.n / g.wall_s)} jobs/s (whole process ${Math.round(g.n / g.proc_wall_s)}), ` +
  `client ${((g.client_cpu_s * 1e6) / g.n).toFixed(1)} µs/job (process ${((g.proc_cpu_s * 1e6) / g.n).toFixed(1)}), ` +
  `Redis ${((g.redis_cpu_s * 1e6) / g.n).toFixed(1)} µs/job, busy ${Math.round((100 * g.redis_cpu_s) / g.wall_s)} %, ` +
  `RSS ${g.maxrss_mb} MB, other ${(g.other_cpu_s / g.proc_wall_s).toFixed(2)} cores, load ${g.load1_before}`;

(async () => {
  if (!fs.existsSync(QUEUECTL)) die(`queuectl binary not found at ${QUEUECTL}`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const r = new IORedis(conn);
  const info = await C.infoSnapshot(r);
  record(machineMeta(info.version));

  // Warm-up, untimed and not recorded: a small queue through each side once, so both
  // binaries are in the page cache and Redis has every worker script cached.
  {
    await r.flushall();
    const p1 = spawnSync(process.execPath, [path.join(__dirname, 'fill.js'), '1000', 'bw-warm-q', 'bw-warm-n', '1000'], { encoding: 'utf8', env: nodeEnv });
    if (p1.status !== 0) die(`warm-up fill failed: ${p1.stderr}`);
    const q = spawnSync(QUEUECTL, ['worker', '--queue', 'bw-warm-q', '--concurrency', 'bw-warm-q=10', '--burst', '--quiet'], { encoding: 'utf8', env: qctlEnv });
    if (q.status !== 0) die(`warm-up queuectl worker exited ${q.status}: ${q.stderr}`);
    const n = spawnSync(process.execPath, [path.join(__dirname, 'node-work.js'), 'bw-warm-n', '10', '1000'], { encoding: 'utf8', env: nodeEnv });
    if (n.status !== 0) die(`warm-up node-work.js exited ${n.status}: ${n.stderr}`);
    log('warm-up done');
  }

  for (let rep = 1; rep <= REPS; rep++) {
    const sides = rep % 2 ? ['queuectl', 'node'] : ['node', 'queuectl'];
    if (METRICS_OFF) sides.splice(rep % 2 ? 1 : 2, 0, 'queuectl-no-metrics');
    for (const conc of CONCS) {
      for (const side of sides) {
        const g = side === 'node' ? await measureNode(r, rep, conc) : await measureQueuectl(r, rep, conc, side);
        log(`rep ${rep} c=${conc} ${side}: ${fmtRun(g)}`);
      }
    }
  }
  await r.flushall();
  await r.quit();
})().catch((e) => {
  console.error(e.benchFatal ? `\nBENCH FAILED: ${e.message}\n` : e);
  process.exit(1);
});
