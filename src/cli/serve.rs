//! Arguments of `queuectl serve`.

use std::net::SocketAddr;

use clap::Args;

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

Examples:
  queuectl serve
  QUEUECTL_TOKEN=s3cret queuectl serve --bind 0.0.0.0:8080";

/// Arguments of `queuectl serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the URL is printed)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: SocketAddr,

    /// Bearer token for mutating routes, and for every route off loopback
    #[arg(long, env = env::QUEUECTL_TOKEN, hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
}
