'use strict';
// Shared helpers for the interop scripts that tests/it/interop.rs drives.
// Every script prints exactly one JSON document on stdout (events.js: NDJSON),
// diagnostics on stderr, closes its connections and exits non-zero on error or
// when its hard timeout passes, so a test can never hang on Node.

const connection = {
  host: process.env.REDIS_HOST || '127.0.0.1',
  port: parseInt(process.env.REDIS_PORT || '6379', 10),
  // Fail fast instead of retrying forever when the test's server is gone.
  maxRetriesPerRequest: null,
  retryStrategy: (times) => (times > 20 ? null : 100),
};

/** Positional argument i (after the script name), or exit 2 when missing. */
function arg(i, name) {
  const v = process.argv[2 + i];
  if (v === undefined || v === '') {
    process.stderr.write(`missing argument ${i + 1}: ${name}\n`);
    process.exit(2);
  }
  return v;
}

/** Kills the process after `ms` (unref'd, so it never keeps Node alive). */
function hardTimeout(ms, what) {
  const t = setTimeout(() => {
    process.stderr.write(`timeout after ${ms} ms: ${what}\n`);
    process.exit(124);
  }, ms);
  t.unref();
  return t;
}

/** Timeout in ms from INTEROP_TIMEOUT_MS, default 20 s. */
const TIMEOUT_MS = parseInt(process.env.INTEROP_TIMEOUT_MS || '20000', 10);

/** Runs `main`, prints its result as one JSON document, exits 0; any error exits 1. */
function run(what, main) {
  hardTimeout(TIMEOUT_MS, what);
  main().then(
    (result) => {
      process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
    },
    (err) => {
      process.stderr.write(`${what} failed: ${err && err.stack ? err.stack : err}\n`);
      process.exit(1);
    },
  );
}

/** Resolves when `cond()` (sync or async) is truthy; polls every `every` ms. */
async function waitFor(cond, what, every = 25) {
  for (;;) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, every));
  }
}

module.exports = { connection, arg, hardTimeout, TIMEOUT_MS, run, waitFor };
