"""Commune hubs advertised on the office LAN (mDNS/DNS-SD, python-zeroconf): what the hubs
say of themselves, to be listed and confirmed by the officer. Nothing here is trusted: the
desk enrols only with a hub that proves it holds the key whose fingerprint the officer
read on the hub's screen (``services.sync``)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import desk_protocol as protocol


@dataclass(frozen=True)
class FoundHub:
    name: str
    url: str
    commune_code: str
    fingerprint: str  # as advertised: a hint until the hub proves it


MAX_HUBS = 32  # names resolved at most (an office has one hub; a few more are strangers)


def find_hubs(wait: float = 3.0) -> list[FoundHub]:
    """The hubs that answer on the LAN within ``wait`` seconds, by commune and address."""
    from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

    names: set[str] = set()

    def seen(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is not ServiceStateChange.Removed:
            names.add(name)

    zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
    found: dict[str, FoundHub] = {}
    try:
        browser = ServiceBrowser(zeroconf, protocol.HUB_SERVICE_TYPE, handlers=[seen])
        time.sleep(wait)
        browser.cancel()
        for name in sorted(names)[:MAX_HUBS]:  # (each answer may take 2 s: a LAN full of
            # advertisements must not hold the officer for minutes)
            info = zeroconf.get_service_info(protocol.HUB_SERVICE_TYPE, name, timeout=2000)
            if info is None or not info.port:
                continue
            told = {
                (k or b"").decode(errors="replace"): (v or b"").decode(errors="replace")
                for k, v in info.properties.items()
            }
            scheme = "https" if told.get("scheme") == "https" else "http"
            for address in info.parsed_addresses(IPVersion.V4Only):
                url = f"{scheme}://{address}:{info.port}"
                found[url] = FoundHub(
                    name.removesuffix("." + protocol.HUB_SERVICE_TYPE),
                    url,
                    told.get("commune", ""),
                    told.get("key", ""),
                )
    finally:
        zeroconf.close()
    return sorted(found.values(), key=lambda h: (h.commune_code, h.url))
