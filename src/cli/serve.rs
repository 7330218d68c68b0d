//! Arguments of `queuectl serve`.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

use super::parse_duration;
use crate::env;

pub(super) const SERVE_AFTER_HELP: &str = "\
Routes (JSON in and out):
  GET    /api/queue/jobs?queue=Q&status=failed&limit=50   list jobs
  POST   /api/queue/jobs        {\"type\", \"data\", \"options\"}   add a job
  GET    /api/queue/jobs/Q/ID                             one job whole
  POST   /api/queue/jobs/Q/ID/retry                       retry a failed job
  DELETE /api/queue/jobs/Q/ID                             remove a job
  GET    /api/queue/stats                                 same as `stats --json`
  GET    /api/queue/health                                200 healthy, 503 not
  GET    /api/queue/ws?queues=a,b                         WebSocket job events
  GET    /                                                the live dashboard

Security: POST and DELETE need `Authorization: Bearer TOKEN`; without --token
they answer 403. Binding to a non-loopback address needs --token, and then
every route needs it (the WebSocket also takes ?token=TOKEN). The dashboard
reads the token from the page address: http://HOST:PORT/#token=TOKEN.
Requests must name this server in their Host header (else 421), and a
WebSocket's Origin must too (else 403): on loopback, loopback names and
addresses with the bound port; elsewhere the bound address and each
--allowed-host.

Examples:
  queuectl serve
  QUEUECTL_TOKEN=s3cret queuectl serve --bind 0.0.0.0:8080 --allowed-host queue.example.com";

/// Arguments of `queuectl serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the URL is printed)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: SocketAddr,

    /// Bearer token for mutating routes, and for every route off loopback
    #[arg(long, env = env::QUEUECTL_TOKEN, hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// Also answer for this Host header: `name` (with the bound port or none) or
    /// `name:port`; repeatable (Host and WebSocket Origin are checked against it)
    #[arg(long = "allowed-host", value_name = "HOST")]
    pub allowed_hosts: Vec<String>,

    /// Close a connection that has not sent a request's headers this long after
    /// it opened or after the previous response (so this also ends idle keep-alive)
    #[arg(long, default_value = "10s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Limits")]
    pub header_timeout: Duration,

    /// Close a connection on which no byte moved for this long (idle keep-alive,
    /// or a client that stopped reading a response)
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Limits")]
    pub idle_timeout: Duration,

    /// Open HTTP connections at most; more are closed at once
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..), value_name = "N", help_heading = "Limits")]
    pub max_connections: u32,

    /// Open WebSocket clients at most; more are answered 503
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..), value_name = "N", help_heading = "Limits")]
    pub max_ws_clients: u32,
}
