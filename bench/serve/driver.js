'use strict';
// serve/driver.js REPS OUT: the WebSocket fan-out bench, run by serve/run.sh against the
// private Redis it started. Per rep:
//   FLUSHALL; pre-fill BENCH_N jobs (default 10000) into queue `fanout` with `queuectl
//   enqueue --file` (removeOnComplete); start `queuectl serve --bind 127.0.0.1:0`; connect
//   BENCH_CLIENTS (default 200) WebSocket clients subscribed to `fanout` (the Rust example
//   ws_fanout, one process, two threads); once all are subscribed, run a Node BullMQ Worker
//   (concurrency BENCH_WORKER_CONCURRENCY, default 20) that sends BENCH_STEPS (default 2)
//   progress updates per job. Each client expects N x (STEPS + 2) frames (active, progress
//   x STEPS, completed). Latency = client receive time - the ms part of the event's stream id.
//   The server's peak RSS is VmHWM from /proc/PID/status, its CPU from /proc/PID/stat.
// Appends one JSON line per rep to OUT.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const C = require('../common.js');

const REPS = parseInt(process.argv[2] || '1', 10);
const OUT = path.resolve(process.argv[3]);
const N = parseInt(process.env.BENCH_N || '10000', 10);
const CLIENTS = parseInt(process.env.BENCH_CLIENTS || '200', 10);
const CONC = parseInt(process.env.BENCH_WORKER_CONCURRENCY || '20', 10);
const STEPS = parseInt(process.env.BENCH_STEPS || '2', 10);
const QUEUECTL = process.env.QUEUECTL;
const CLIENT_BIN = process.env.WS_FANOUT;
const QUEUE = 'fanout';
const conn = C.connection();
const env = { ...process.env, REDIS_URL: `redis://${conn.host}:${conn.port}` };

function firstLine(child) {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', (line) => resolve({ line, rl }));
    child.once('exit', (code) => reject(new Error(`${child.spawnargs[0]} exited ${code} before printing`)));
  });
}

function procStatus(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = parseInt(status.match(/^VmHWM:\s+(\d+) kB/m)[1], 10);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const tick = 100; // USER_HZ on Linux
  return { peak_rss_mb: C.round(hwm / 1024, 1), cpu_s: (Number(stat[11]) + Number(stat[12])) / tick };
}

function fill() {
  spawnSync('redis-cli', ['-h', conn.host, '-p', String(conn.port), 'FLUSHALL'], { stdio: 'ignore' });
  const file = path.join(process.env.BENCH_TMP || os.tmpdir(), 'fanout.ndjson');
  const line = (i) => JSON.stringify({ name: 'bench', data: { i }, opts: { removeOnComplete: true } });
  fs.writeFileSync(file, Array.from({ length: N }, (_, i) => line(i)).join('\n') + '\n');
  const r = spawnSync(QUEUECTL, ['enqueue', '--queue', QUEUE, '--file', file, '--json', '-q'], { env });
  if (r.status !== 0) throw new Error(`enqueue failed: ${r.stderr}`);
}

async function rep(i) {
  fill();
  const serve = spawn(QUEUECTL, ['serve', '--json', '--bind', '127.0.0.1:0', '--token', 'bench'], {
    env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { line } = await firstLine(serve);
  const addr = JSON.parse(line).listening;
  const expected = N * (STEPS + 2);
  const client = spawn(CLIENT_BIN, [`ws://${addr}/api/queue/ws?queues=${QUEUE}`, String(CLIENTS), String(expected), '15'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { rl } = await firstLine(client);
  const result = new Promise((resolve) => rl.once('line', (l) => resolve(JSON.parse(l))));
  const worker = spawn(process.execPath, [path.join(__dirname, 'node-progress.js'), QUEUE, String(N), String(CONC), String(STEPS)], {
    env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const workerDoc = firstLine(worker).then(({ line: l }) => JSON.parse(l));
  const [clientDoc, work] = await Promise.all([result, workerDoc]);
  const server = procStatus(serve.pid);
  serve.kill('SIGTERM');
  const doc = {
    run: process.env.BENCH_RUN_ID, rep: i, jobs: N, clients: CLIENTS, steps: STEPS, worker_concurrency: CONC,
    events_per_client: expected, worker_elapsed_s: work.elapsed_s, ...clientDoc,
    server_peak_rss_mb: server.peak_rss_mb, server_cpu_s: server.cpu_s,
  };
  fs.appendFileSync(OUT, JSON.stringify(doc) + '\n');
  process.stderr.write(`[bench serve] rep ${i}: ${JSON.stringify(doc)}\n`);
}

(async () => {
  for (let i = 1; i <= REPS; i++) await rep(i);
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
