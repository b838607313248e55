"""Addresses after the 2025 mergers (issue 25 item 9): an address written before 1 July 2025
(old ID cards and their QR carry it: ward, district, one of 63 provinces) is offered in the
new two-level form (ward/commune, one of 34 provinces) for the officer to confirm.

The conversion table is the kept package ``vietnamadminunits`` (MIT licence; its data: the
National Assembly Standing Committee's 2025 resolutions on the mergers of provinces and
communes). Only ward, district and province are given to it: with a street it would look
the place up on a web geocoder, and the desk must work offline and send no personal data.
Where an old ward was split between several new ones the package picks its default and the
suggestion says the officer must ask the citizen.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import types
from dataclasses import dataclass

from desk_app.domain.dossier import MAX_ADDRESS
from desk_app.domain.text import nfc

PACKAGE = "vietnamadminunits"
# What ``desk-app smoke`` converts to prove the tables are in the built program.
SAMPLE_OLD_ADDRESS = "Thôn Đông, Xã Minh Phú, Huyện Sóc Sơn, Thành phố Hà Nội"


@dataclass(frozen=True)
class AddressSuggestion:
    old: str
    new: str
    split: bool  # the old ward went to several new wards: ask which one
    source: str  # the table used and its version, shown to the officer

    @property
    def note(self) -> str:
        if self.split:
            return (
                "Xã/phường cũ đã được chia cho nhiều xã/phường mới: đây là nơi nhận phần lớn, "
                "hãy hỏi lại người dân."
            )
        return "Theo đơn vị hành chính sau sắp xếp năm 2025."


def table_version() -> str:
    from importlib.metadata import version  # (slow to import: not with the window)

    return f"{PACKAGE} {version(PACKAGE)}"


def suggest_new_address(address: str) -> AddressSuggestion | None:
    """The address in the 2025 form, or ``None`` when ``address`` is not a pre-2025 address
    with ward, district and province (already new, or not recognised)."""
    text = nfc(" ".join(address.split()))
    if not text or len(text) > MAX_ADDRESS:
        # longer than the form takes (a card's chip or QR can say anything): the package's
        # parser takes time that grows faster than the text (100 KB of commas: 97 s)
        return None
    _geography_stand_ins()
    from vietnamadminunits import convert_address
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE_WARD_DIVIDED
    from vietnamadminunits.parser import ParseMode, parse_address

    try:
        old = parse_address(text, mode=ParseMode.LEGACY, keep_street=True, level=3)
    except Exception:  # the package raises bare Exceptions for what it cannot read
        return None
    if not (old.province_key and old.district_key and old.ward_key):
        return None
    place = ", ".join(x for x in (old.ward, old.district, old.province) if x)
    try:
        new = convert_address(place)  # no street: nothing is looked up on the network
    except Exception:
        return None
    if not new.province:
        return None
    parts = [old.street, new.ward, new.province]
    key = f"{old.province_key}_{old.district_key}_{old.ward_key}"
    split = any(key in wards for wards in DICT_PROVINCE_WARD_DIVIDED.values())
    return AddressSuggestion(
        old=text,
        new=nfc(", ".join(p for p in parts if p)),
        split=split,
        source=table_version(),
    )


class _NotInTheDesk:
    """A geography object the desk never uses (it gives the package no street to place):
    made at the package's import, it refuses whatever is asked of it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        raise RuntimeError("geocoding is not part of the desk: no street is ever looked up")


def _geography_stand_ins() -> None:
    """The package's parser imports shapely and geopy at its top for one thing: placing a
    street on a web geocoder's map, which the desk never asks. The built program leaves
    them out (installer/desk-app.spec: 5 MB, and shapely needs numpy, also left out), so
    where they are missing, stand-ins that refuse if ever called take their place."""
    if _importable("shapely") and _importable("geopy"):
        return
    names = {
        "shapely": {},
        "shapely.geometry": {"Polygon": _NotInTheDesk, "Point": _NotInTheDesk},
        "geopy": {},
        "geopy.distance": {"distance": _NotInTheDesk, "geodesic": _NotInTheDesk},
        "geopy.geocoders": {"ArcGIS": _NotInTheDesk},
    }
    for name, attributes in names.items():
        if sys.modules.get(name) is None:
            module = types.ModuleType(name, "stand-in: the desk never geocodes")
            module.__spec__ = importlib.machinery.ModuleSpec(name, None)
            module.desk_stand_in = True  # type: ignore[attr-defined]
            module.__dict__.update(attributes)
            sys.modules[name] = module


def _importable(name: str) -> bool:
    """Whether the real ``name`` is there to import (a stand-in put in place by an earlier
    call is not; nor is a module blocked with ``None`` in ``sys.modules``)."""
    module = sys.modules.get(name)
    if module is not None:
        return not getattr(module, "desk_stand_in", False)
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
