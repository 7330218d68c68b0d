//! One integration test binary: every test runs the real `queuectl` against
//! its own private redis-server (and, for interop, real Node BullMQ).

mod support;

mod cli_basics;
mod cluster;
mod connection;
mod crawl;
mod enqueue;
mod inspect;
mod interop;
mod worker;
