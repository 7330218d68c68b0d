//! The address guard for URLs from untrusted input (queue data): refuses
//! hosts that resolve to loopback, private, link-local or otherwise internal
//! addresses. The CLI crawl does not use it: crawling your own localhost is fine.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::Url;

/// Why a URL was refused.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("{0} has no host")]
    NoHost(String),
    #[error("cannot resolve {host}: {reason}")]
    Resolve { host: String, reason: String },
    #[error("{host} resolves to {addr}, a non-public address")]
    Internal { host: String, addr: IpAddr },
}

/// Resolves the URL's host and refuses it when any address is not public.
pub async fn guard(url: &Url) -> Result<(), GuardError> {
    let host = url
        .host_str()
        .ok_or_else(|| GuardError::NoHost(url.to_string()))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<IpAddr> = match bare.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::net::lookup_host((bare, port))
            .await
            .map_err(|e| GuardError::Resolve {
                host: host.to_string(),
                reason: e.to_string(),
            })?
            .map(|a| a.ip())
            .collect(),
    };
    match addrs.into_iter().find(|ip| !is_public(*ip)) {
        Some(addr) => Err(GuardError::Internal {
            host: host.to_string(),
            addr,
        }),
        None => Ok(()),
    }
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80) // link local
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        assert!(is_public("93.184.216.34".parse().unwrap()));
        assert!(is_public("2606:2800:220:1::".parse().unwrap()));
    }

    #[tokio::test]
    async fn guard_refuses_loopback_urls() {
        let url = Url::parse("http://127.0.0.1:8080/").unwrap();
        assert!(matches!(
            guard(&url).await,
            Err(GuardError::Internal { .. })
        ));
        let url = Url::parse("http://[::1]/").unwrap();
        assert!(guard(&url).await.is_err());
    }
}
