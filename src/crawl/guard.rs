//! The private-network guard for URLs from untrusted input (queue data, or
//! `crawl --deny-private-networks`): which addresses are public, and the DNS
//! resolver the HTTP client connects through, which resolves each name once
//! and refuses it when any address is internal, so the address checked is the
//! address connected to.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Why a request was refused.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("{addr} is not a public address ({why})")]
    Literal { addr: IpAddr, why: &'static str },
    #[error("{host} resolves to {addr}, which is not a public address ({why})")]
    Internal {
        host: String,
        addr: IpAddr,
        why: &'static str,
    },
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    non_public(ip).is_none()
}

/// The kind of a non-public address (`None`: public).
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match () {
        _ if a == 0 => "this-network",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_private() => "private (RFC 1918)",
        _ if a == 100 && (64..128).contains(&b) => "shared (CGNAT)",
        _ if ip.is_link_local() => "link-local",
        _ if a == 192 && b == 0 && c == 0 => "IETF protocol",
        _ if ip.is_documentation() => "documentation",
        _ if a == 198 && (18..20).contains(&b) => "benchmarking",
        _ if ip.is_multicast() => "multicast",
        _ if ip.is_broadcast() => "broadcast",
        _ if a >= 240 => "reserved",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    if let Some(v4) = embedded_v4(ip) {
        return non_public_v4(v4);
    }
    Some(match () {
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if s[0] & 0xff00 == 0xff00 => "multicast",
        _ if s[0] & 0xfe00 == 0xfc00 => "unique-local",
        _ if s[0] & 0xffc0 == 0xfe80 => "link-local",
        _ if s[0] & 0xffc0 == 0xfec0 => "site-local",
        _ if s[0] == 0x2001 && s[1] == 0x0db8 => "documentation",
        _ if s[0] == 0x2001 && s[1] == 0 => "Teredo",
        _ if s[0] == 0x0100 && s[1..4] == [0, 0, 0] => "discard-only",
        _ if s[0] == 0x0064 && s[1] == 0xff9b && s[2] == 1 => "local NAT64",
        _ => return None,
    })
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`)
/// address: such addresses reach that IPv4 host, so they are judged by it.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low = |hi: u16, lo: u16| Ipv4Addr::from(((hi as u32) << 16) | lo as u32);
    match s {
        [0, 0, 0, 0, 0, 0xffff, hi, lo] => Some(low(hi, lo)),
        // `::` and `::1` are IPv6's own unspecified and loopback.
        [0, 0, 0, 0, 0, 0, hi, lo] if hi != 0 => Some(low(hi, lo)),
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(low(hi, lo)),
        [0x2002, hi, lo, ..] => Some(low(hi, lo)),
        _ => None,
    }
}

/// Refuses a URL whose host is a non-public IP literal (connections to
/// literals never go through the resolver).
pub fn check_literal(url: &Url) -> Result<(), GuardError> {
    let addr = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        _ => return Ok(()),
    };
    match non_public(addr) {
        Some(why) => Err(GuardError::Literal { addr, why }),
        None => Ok(()),
    }
}

/// The client's resolver: pinned names first, then the system resolver; with
/// the guard on, a name with any non-public address is refused as a whole.
#[derive(Debug, Clone)]
pub struct Resolver {
    pinned: Arc<HashMap<String, Vec<SocketAddr>>>,
    /// Refuse non-public addresses.
    guard: bool,
    /// Names never refused: the configured proxies (the operator's own).
    trusted: Arc<HashSet<String>>,
}

impl Resolver {
    pub fn new(pinned: &[(String, SocketAddr)], guard: bool, trusted: HashSet<String>) -> Self {
        let mut map: HashMap<String, Vec<SocketAddr>> = HashMap::new();
        for (host, addr) in pinned {
            map.entry(host.to_ascii_lowercase())
                .or_default()
                .push(*addr);
        }
        Resolver {
            pinned: Arc::new(map),
            guard,
            trusted: Arc::new(trusted),
        }
    }

    /// One resolution of `host`, checked when the guard is on.
    pub async fn lookup(&self, host: &str) -> Result<Vec<SocketAddr>, BoxError> {
        let addrs = match self.pinned.get(host) {
            Some(addrs) => addrs.clone(),
            None => tokio::net::lookup_host((host, 0)).await?.collect(),
        };
        if self.guard && !self.trusted.contains(host) {
            check_addrs(host, &addrs)?;
        }
        Ok(addrs)
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn check_addrs(host: &str, addrs: &[SocketAddr]) -> Result<(), GuardError> {
    for addr in addrs {
        if let Some(why) = non_public(addr.ip()) {
            return Err(GuardError::Internal {
                host: host.to_string(),
                addr: addr.ip(),
                why,
            });
        }
    }
    Ok(())
}

impl Resolve for Resolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (this, host) = (self.clone(), name.as_str().to_string());
        Box::pin(async move {
            let addrs = this.lookup(&host).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "192.0.0.8",
            "198.18.0.1",
            "::",
            "::1",
            "fe80::1",
            "fd00::1",
            "fc00::1",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "::10.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b:1::1",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2001:db8::1",
            "2001::1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "100.128.0.1",
            "1.1.1.1",
            "2606:2800:220:1::",
            "::ffff:93.184.216.34",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::1",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn literal_hosts_are_checked() {
        let url = |s: &str| Url::parse(s).unwrap();
        let err = check_literal(&url("http://127.0.0.1:8080/")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "127.0.0.1 is not a public address (loopback)"
        );
        assert!(check_literal(&url("http://[::ffff:7f00:1]/")).is_err());
        assert!(check_literal(&url("http://0x7f.1/")).is_err());
        assert!(check_literal(&url("http://93.184.216.34/")).is_ok());
        assert!(check_literal(&url("http://example.test/")).is_ok());
    }

    #[tokio::test]
    async fn pinned_names_are_checked_too() {
        let pinned = [
            ("inside.test".to_string(), "127.0.0.1:80".parse().unwrap()),
            (
                "outside.test".to_string(),
                "93.184.216.34:80".parse().unwrap(),
            ),
        ];
        let guarded = Resolver::new(&pinned, true, HashSet::new());
        let err = guarded.lookup("inside.test").await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "inside.test resolves to 127.0.0.1, which is not a public address (loopback)"
        );
        assert!(guarded.lookup("outside.test").await.is_ok());
        let open = Resolver::new(&pinned, false, HashSet::new());
        assert!(open.lookup("inside.test").await.is_ok());
        let proxy = HashSet::from(["inside.test".to_string()]);
        let trusting = Resolver::new(&pinned, true, proxy);
        assert!(trusting.lookup("inside.test").await.is_ok());
    }
}
