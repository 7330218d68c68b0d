//! A TCP proxy between queuectl and a test's redis-server that fails on cue,
//! once a client sends a chosen command: it either freezes (the command still
//! reaches Redis but neither its reply nor anything after it comes back, as
//! when a server hangs mid-command) or closes the connection without passing
//! the command on.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

/// What the proxy does when it sees the trigger.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// That connection hangs; later ones pass through.
    Freeze,
    /// That connection and every later one hang, as a hung server does.
    FreezeAll,
    /// That connection closes; later ones pass through.
    Close,
}

/// A proxy on `127.0.0.1:port` to a Redis on `upstream`; stops when dropped.
pub struct FaultProxy {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl FaultProxy {
    /// Forwards to `127.0.0.1:upstream`; the first connection that sends a
    /// frame containing `trigger` (say `$4\r\nSCAN\r\n`) suffers `fault`.
    pub fn start(upstream: u16, trigger: &str, fault: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let fired = Arc::new(AtomicBool::new(false));
        let trigger = trigger.as_bytes().to_vec();
        let stopping = stop.clone();
        thread::spawn(move || {
            for client in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                pipe(client, server, trigger.clone(), fault, fired.clone());
            }
        });
        Self { port, stop }
    }

    /// `redis://127.0.0.1:PORT` of the proxy.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Copies both ways until `trigger` is seen going up (if no other connection
/// saw it first); from then on this connection swallows everything, or closes.
fn pipe(
    client: TcpStream,
    server: TcpStream,
    trigger: Vec<u8>,
    fault: Fault,
    fired: Arc<AtomicBool>,
) {
    let after_hang = fault == Fault::FreezeAll && fired.load(Ordering::SeqCst);
    let frozen = Arc::new(AtomicBool::new(after_hang));
    let (mut up_in, mut up_out) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let (mut down_in, mut down_out) = (server, client);
    let freeze = frozen.clone();
    thread::spawn(move || {
        let mut seen: Vec<u8> = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n @ 1..) = up_in.read(&mut buf) {
            if freeze.load(Ordering::SeqCst) {
                continue;
            }
            seen.extend_from_slice(&buf[..n]);
            let hit = seen.windows(trigger.len()).any(|w| w == trigger.as_slice());
            // Set before forwarding, so the reply cannot slip through.
            if hit && !fired.swap(true, Ordering::SeqCst) {
                freeze.store(true, Ordering::SeqCst);
                if fault == Fault::Close {
                    let _ = up_in.shutdown(Shutdown::Both);
                    let _ = up_out.shutdown(Shutdown::Both);
                    return;
                }
            }
            let keep = seen.len().saturating_sub(trigger.len());
            seen.drain(..keep);
            if up_out.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = up_out.shutdown(Shutdown::Write);
    });
    thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n @ 1..) = down_in.read(&mut buf) {
            if frozen.load(Ordering::SeqCst) {
                continue;
            }
            if down_out.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = down_out.shutdown(Shutdown::Write);
    });
}
