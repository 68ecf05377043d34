//! Which `Host` a request may name: the request's `Host` header (or the
//! authority of an absolute URL) and the address the connection came in on,
//! in; whether the preview answers it, out.
//!
//! The preview's pages and its live-reload stream (which carries file paths
//! and error text) must not be readable by other sites. A page on
//! `evil.example` can point that name at 127.0.0.1 after loading (DNS
//! rebinding) and then read the preview as if it were its own origin; the
//! browser still sends `Host: evil.example`, so answering only the names of
//! this machine's loopback and the address the connection reached closes
//! that door. An IP address cannot be rebound, so the address itself is safe.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether `host` (a `Host` header value: a name or an IP address, with an
/// optional port) names this server, which the client reached at `local`.
/// `localhost`, `127.0.0.1`, `[::1]` and `local`'s own address are accepted,
/// each with `local`'s port or with none.
pub fn names_this_server(host: &str, local: SocketAddr) -> bool {
    let Some((name, port)) = split_port(host) else {
        return false;
    };
    if port.is_some_and(|port| port != local.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(name);
    let Ok(address) = literal.parse::<IpAddr>() else {
        return false;
    };
    // A version 6 address in brackets, a version 4 address without.
    if address.is_ipv6() != name.starts_with('[') {
        return false;
    }
    let address = address.to_canonical();
    let loopback = address == IpAddr::from(Ipv4Addr::LOCALHOST)
        || address == IpAddr::from(Ipv6Addr::LOCALHOST);
    loopback || address == local.ip().to_canonical()
}

/// `name[:port]` split into the name and the port; `None` when the port is
/// not a number (or is empty).
fn split_port(host: &str) -> Option<(&str, Option<u16>)> {
    // The colons of a version 6 address sit inside its brackets.
    let name_end = if host.starts_with('[') {
        host.find(']')? + 1
    } else {
        host.find(':').unwrap_or(host.len())
    };
    let (name, rest) = host.split_at(name_end);
    if name.is_empty() {
        return None;
    }
    match rest.strip_prefix(':') {
        None if rest.is_empty() => Some((name, None)),
        None => None,
        Some(port) => port.parse().ok().map(|port| (name, Some(port))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_the_names_of_this_machine_only() {
        let loopback: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let lan: SocketAddr = "192.168.1.20:4000".parse().unwrap();
        let mapped: SocketAddr = "[::ffff:192.168.1.20]:4000".parse().unwrap();
        let table = [
            ("localhost", loopback, true),
            ("localhost:4000", loopback, true),
            ("LocalHost:4000", loopback, true),
            ("127.0.0.1", loopback, true),
            ("127.0.0.1:4000", loopback, true),
            ("[::1]", loopback, true),
            ("[::1]:4000", loopback, true),
            ("192.168.1.20:4000", lan, true),
            ("192.168.1.20", lan, true),
            ("192.168.1.20:4000", mapped, true),
            ("localhost:4000", lan, true),
            // Other ports, other names, other addresses.
            ("localhost:4001", loopback, false),
            ("127.0.0.1:80", loopback, false),
            ("evil.example", loopback, false),
            ("evil.example:4000", loopback, false),
            ("localhost.evil.example:4000", loopback, false),
            ("127.0.0.1.evil.example", loopback, false),
            ("192.168.1.20:4000", loopback, false),
            ("10.0.0.1:4000", lan, false),
            ("0.0.0.0:4000", loopback, false),
            // Malformed values.
            ("", loopback, false),
            (":4000", loopback, false),
            ("localhost:", loopback, false),
            ("localhost:x", loopback, false),
            ("localhost:4000:4000", loopback, false),
            ("::1", loopback, false),
            ("[127.0.0.1]", loopback, false),
            ("[::1", loopback, false),
            ("[::1]x", loopback, false),
        ];
        for (host, local, expected) in table {
            assert_eq!(
                names_this_server(host, local),
                expected,
                "{host:?} reached at {local}"
            );
        }
    }
}
