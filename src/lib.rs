//! queuectl: administer BullMQ job queues in Redis.
//!
//! Layering (arrows point one way):
//! `main` → `commands` (one file per subcommand) → domain modules (`queues`, `crawl`)
//! → `connection` (the one Redis client module). Domain modules never see clap
//! types, env vars or `output`; only `output` prints. Every BullMQ state change
//! goes through bullmq-official, which runs BullMQ's own Lua scripts. `serve` is
//! the HTTP face of the same domain modules (REST, WebSocket events, dashboard).

pub mod cli;
pub mod commands;
pub mod connection;
pub mod crawl;
pub mod env;
pub mod error;
pub mod output;
pub mod queues;
pub mod serve;
pub mod settings;
pub mod worker;
