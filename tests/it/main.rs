//! One integration test binary: every test runs the real `queuectl` against
//! its own private redis-server (and, for interop, real Node BullMQ).

mod support;

mod cleanup;
mod cli_basics;
mod cluster;
mod connection;
mod control;
mod crawl;
mod enqueue;
mod events;
mod extract;
mod health;
mod inspect;
mod interop;
mod retry;
mod schedule;
mod serve;
mod worker;
mod worker_retry;
