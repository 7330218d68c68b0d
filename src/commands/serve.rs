//! `queuectl serve`: the REST API, WebSocket events and dashboard (see `crate::serve`).

use serde::Serialize;

use super::Ctx;
use crate::cli::ServeArgs;
use crate::error::{Exit, UsageError};
use crate::output::{Human, Render};
use crate::serve::{self, Limits, ServeOptions};

/// Printed once the server listens (the real port when `--bind` asked for 0).
#[derive(Debug, Serialize)]
struct Listening {
    listening: String,
    url: String,
}

impl Render for Listening {
    fn render(&self, out: &mut Human) {
        out.line(format!("serving on {}", self.url));
    }
}

/// Runs the command until Ctrl-C or SIGTERM.
pub async fn run(ctx: &Ctx, args: ServeArgs) -> anyhow::Result<Exit> {
    let opts = ServeOptions {
        bind: args.bind,
        token: args.token,
        allowed_hosts: args.allowed_hosts,
        limits: Limits {
            header_timeout: args.header_timeout,
            idle_timeout: args.idle_timeout,
            max_connections: args.max_connections as usize,
            max_ws_clients: args.max_ws_clients as usize,
        },
    };
    serve::validate(&opts).map_err(|e| UsageError::new(e.to_string()))?;
    let redis = ctx.redis_for(true).await?;
    let listener = serve::bind(&opts).await?;
    let addr = listener.local_addr()?;
    ctx.out.print(&Listening {
        listening: addr.to_string(),
        url: format!("http://{addr}/"),
    })?;
    if opts.token.is_none() {
        ctx.out
            .note("no --token: the API is read-only (POST and DELETE answer 403)");
    }
    serve::serve(listener, redis, &ctx.settings.redis, opts, stop_signal()).await?;
    Ok(Exit::Ok)
}

/// Resolves on Ctrl-C or SIGTERM.
pub(super) async fn stop_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn listening_line() {
        let listening = Listening {
            listening: "127.0.0.1:8080".into(),
            url: "http://127.0.0.1:8080/".into(),
        };
        insta::assert_snapshot!(render_human(&listening, false));
    }
}
