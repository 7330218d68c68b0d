//! One integration test binary: every test runs the real `queuectl` against
//! its own private redis-server (and, for interop, real Node BullMQ).

// Tests read their own environment (PATH, QUEUECTL_BLESS); the rule is for the product.
#![allow(clippy::disallowed_methods)]

mod support;

mod cleanup;
mod cli_basics;
mod cluster;
mod connection;
mod control;
mod crawl;
mod crawl_bounds;
mod enqueue;
mod escapes;
mod events;
mod export;
mod extract;
mod faults;
mod guard;
mod health;
mod inspect;
mod interop;
mod metrics;
mod readme;
mod reads;
mod render;
mod retry;
mod schedule;
mod search;
mod sentinel;
mod serve;
mod serve_jobs;
mod serve_security;
mod worker;
mod worker_deliver;
mod worker_retry;
