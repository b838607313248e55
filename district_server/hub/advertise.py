"""The hub's optional advertisement on the office LAN (``serve --role hub --advertise``):
mDNS/DNS-SD (python-zeroconf), service ``_deskhub._tcp`` with the commune's code and the
fingerprint of the hub's key. Off by default. An advertisement is a hint, never trust: a
desk enrols only after the key the hub proves it holds matches the fingerprint the officer
read on the hub's own screen (``hub-status``), so a spoofed advertisement gains nothing."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
from collections.abc import Iterator

import desk_protocol as protocol

log = logging.getLogger("district_server.hub")


def lan_addresses(host: str) -> list[str]:
    """The IPv4 addresses the hub answers on: ``host`` itself, or (a wildcard) every
    interface's but loopback."""
    if host not in ("", "0.0.0.0", "::"):
        return [host]
    import ifaddr  # zeroconf's own dependency

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str) and not ipaddress.ip_address(ip.ip).is_loopback:
                found.append(ip.ip)
    return found


@contextlib.contextmanager
def advertised(
    commune_code: str, public_key: str, host: str, port: int, *, https: bool
) -> Iterator[None]:
    """The hub advertised while the block runs (withdrawn after)."""
    from zeroconf import InterfaceChoice, IPVersion, ServiceInfo, Zeroconf

    addresses = lan_addresses(host)
    fingerprint = protocol.key_fingerprint(public_key)
    short = fingerprint.replace("-", "")[:8].lower()
    info = ServiceInfo(
        protocol.HUB_SERVICE_TYPE,
        f"hub-{commune_code}-{short}-{port}.{protocol.HUB_SERVICE_TYPE}",
        addresses=[socket.inet_aton(a) for a in addresses],
        port=port,
        properties={
            "commune": commune_code,
            "key": fingerprint,
            "scheme": "https" if https else "http",
        },
        server=f"deskhub-{short}.local.",
    )
    wildcard = host in ("", "0.0.0.0", "::")
    zeroconf = Zeroconf(
        interfaces=InterfaceChoice.All if wildcard else addresses, ip_version=IPVersion.V4Only
    )
    try:
        zeroconf.register_service(info)
        log.info("advertised on the LAN as %s (%s) at %s", info.name, fingerprint, addresses)
        yield
    finally:
        with contextlib.suppress(Exception):
            zeroconf.unregister_service(info)
        zeroconf.close()
