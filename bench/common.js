'use strict';
// Small helpers shared by the bench scripts (driver.js, node-addbulk.js, summarize.js).
// Method follows the Node BullMQ anchor benchmarks: Redis CPU from `INFO` deltas, Lua time
// from `INFO commandstats`, client CPU of the process under test, medians over interleaved reps.

const { performance } = require('node:perf_hooks');

const PORT = parseInt(process.env.REDIS_PORT || '', 10);
const HOST = process.env.REDIS_HOST || '127.0.0.1';

function connection() {
  if (!Number.isInteger(PORT) || PORT <= 0) {
    throw new Error('REDIS_PORT is not set: these scripts only talk to the private Redis that run.sh starts');
  }
  if (PORT === 6379) throw new Error('refusing to benchmark against port 6379 (not the private Redis)');
  return { host: HOST, port: PORT };
}

const nowMs = () => performance.now();
const round = (x, d = 3) => (x == null || !Number.isFinite(x) ? x : Math.round(x * 10 ** d) / 10 ** d);

// Parses the text of `INFO all` into the counters the bench needs.
function parseInfo(text) {
  const field = (k) => {
    const m = text.match(new RegExp(`^${k}:(.*)$`, 'm'));
    return m ? m[1].trim() : undefined;
  };
  // EVAL/EVALSHA/FCALL (and their _ro forms): calls and usec, the usec including the
  // commands the script runs inside Redis.
  let luaCalls = 0;
  let luaUsec = 0;
  const perCmd = {};
  for (const m of text.matchAll(/^cmdstat_([a-z_|]+):calls=(\d+),usec=(\d+)/gm)) {
    perCmd[m[1]] = { calls: Number(m[2]), usec: Number(m[3]) };
    if (/^(eval|evalsha|eval_ro|evalsha_ro|fcall|fcall_ro)$/.test(m[1])) {
      luaCalls += Number(m[2]);
      luaUsec += Number(m[3]);
    }
  }
  return {
    cpu_s: Number(field('used_cpu_user')) + Number(field('used_cpu_sys')),
    cmds: Number(field('total_commands_processed')),
    conns: Number(field('total_connections_received')),
    lua_calls: luaCalls,
    lua_usec: luaUsec,
    per_cmd: perCmd,
    used_memory: Number(field('used_memory')),
    version: field('redis_version'),
  };
}

async function infoSnapshot(redis) {
  return parseInfo(await redis.info('all'));
}

// Redis-side cost between two snapshots. `infoCalls` is how many INFO commands the snapshots
// themselves added to the command count (the second snapshot's INFO is counted by Redis
// before it answers).
function redisDelta(a, b, infoCalls = 1) {
  const cmds = {};
  for (const [k, v] of Object.entries(b.per_cmd)) {
    const p = a.per_cmd[k] || { calls: 0, usec: 0 };
    if (v.calls - p.calls > 0) cmds[k] = { calls: v.calls - p.calls, usec: v.usec - p.usec };
  }
  if (cmds.info) {
    cmds.info.calls -= infoCalls;
    if (cmds.info.calls <= 0) delete cmds.info;
  }
  return {
    redis_cpu_s: round(b.cpu_s - a.cpu_s, 6),
    redis_cmds: b.cmds - a.cmds - infoCalls,
    redis_conns: b.conns - a.conns,
    redis_lua_calls: b.lua_calls - a.lua_calls,
    redis_lua_s: round((b.lua_usec - a.lua_usec) / 1e6, 6),
    redis_cmd_breakdown: cmds,
    redis_used_memory_mb: round(b.used_memory / 1048576, 1),
    redis_version: b.version,
  };
}

// The NDJSON/Node payload of job n. Both sides must build exactly this.
const payload = (n) => ({ i: n, s: 'hello world' });
const JOB_NAME = 'bench';
// queuectl's defaults for a job with no explicit options (see `queuectl enqueue --help`);
// the Node side passes them explicitly so both write the same job.
const QUEUECTL_DEFAULT_OPTS = Object.freeze({
  attempts: 3,
  backoff: { type: 'fixed', delay: 5000 },
  removeOnComplete: 100,
  removeOnFail: 50,
});

// Machine-wide busy CPU seconds so far (all cores, /proc/stat, USER_HZ ticks). The delta
// over a window minus the CPU of the client and of Redis is what OTHER processes used: the
// noise indicator of a shared machine.
let clkTck = 100;
try {
  clkTck = parseInt(require('node:child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), 10) || 100;
} catch {}
function machineBusyS() {
  try {
    const f = require('node:fs').readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0);
    return busy / clkTck;
  } catch {
    return NaN;
  }
}

function median(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function minMax(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return s.length ? [Math.min(...s), Math.max(...s)] : [NaN, NaN];
}

/** Number formatting for the summaries: thousands spaced, fewer decimals as values grow. */
const fmt = (x) => {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
  if (a >= 100) return String(Math.round(x));
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
};

/** "median [min–max]" of a column of reps; just the value for one rep, "n/a" for none. */
function medianRange(xs) {
  const [lo, hi] = minMax(xs);
  if (!Number.isFinite(lo)) return 'n/a';
  const mid = fmt(median(xs));
  return xs.length > 1 ? `${mid} [${fmt(lo)}–${fmt(hi)}]` : mid;
}

/** The records of one run (the latest, `runArg`, or `all`) from a raw.jsonl file. */
function loadRun(file, runArg) {
  const all = require('node:fs')
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const runIds = [...new Set(all.map((r) => r.run_id))];
  const run = runArg || runIds[runIds.length - 1];
  const recs = run === 'all' ? all : all.filter((r) => r.run_id === run);
  return { run, recs, meta: recs.find((r) => r.case === 'meta') || {} };
}

/** The `meta` record: machine, versions and the queuectl binary, plus `extra` fields. */
function machineMeta({ queuectl, env, redisVersion, extra }) {
  const { spawnSync } = require('node:child_process');
  const os = require('node:os');
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' }).stdout || '';
  const model = (lscpu.match(/^Model name:\s*(.*)$/m) || [])[1] || (os.cpus()[0] || {}).model;
  const qv = spawnSync(queuectl, ['--version'], { encoding: 'utf8', env });
  return {
    case: 'meta',
    ...extra.head,
    date: new Date().toISOString(),
    nproc: parseInt(spawnSync('nproc', [], { encoding: 'utf8' }).stdout, 10) || os.cpus().length,
    cpu_model: model,
    kernel: os.release(),
    mem_gib: round(os.totalmem() / 2 ** 30, 1),
    redis_version: redisVersion,
    node: process.version,
    bullmq: require('bullmq/package.json').version,
    ioredis: require('ioredis/package.json').version,
    queuectl_version: (qv.stdout || '').trim() || `(--version exited ${qv.status})`,
    queuectl_bin: queuectl,
    ...extra.tail,
    load1: round(os.loadavg()[0], 2),
  };
}

// What every driver needs: queuectl's environment (only the private Redis: no stray
// REDIS_*/QUEUE_*/QUEUECTL_*/WORKER_* settings from the caller, which would change job
// options, keys or worker tuning), Node's environment, and log/die/record for OUT.
function driverKit(tag, out, runId) {
  const conn = connection();
  const qctlEnv = { ...process.env };
  for (const k of Object.keys(qctlEnv)) if (/^(REDIS_|QUEUE_|QUEUECTL_|WORKER_)/.test(k)) delete qctlEnv[k];
  qctlEnv.REDIS_URL = `redis://${conn.host}:${conn.port}`;
  const nodeEnv = { ...process.env, REDIS_PORT: String(conn.port) };
  delete nodeEnv.REDIS_HOST;
  const log = (...a) => console.error(`[${tag}]`, ...a);
  function die(msg) {
    const e = new Error(msg);
    e.benchFatal = true;
    throw e;
  }
  function record(obj) {
    require('node:fs').appendFileSync(out, JSON.stringify({ run_id: runId, ts: new Date().toISOString(), ...obj }) + '\n');
  }
  return { conn, qctlEnv, nodeEnv, log, die, record };
}

module.exports = {
  driverKit,
  fmt,
  loadRun,
  machineMeta,
  connection,
  nowMs,
  round,
  parseInfo,
  infoSnapshot,
  redisDelta,
  payload,
  JOB_NAME,
  QUEUECTL_DEFAULT_OPTS,
  median,
  minMax,
  medianRange,
  machineBusyS,
};
