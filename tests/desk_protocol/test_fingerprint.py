"""The fingerprint a person compares of a hub's key (LAN discovery, issue 23)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import desk_protocol as protocol


def _key() -> str:
    return protocol.public_key_text(Ed25519PrivateKey.generate().public_key())


def test_a_fingerprint_is_128_bits_in_groups_of_four_and_differs_between_keys() -> None:
    key = _key()
    shown = protocol.key_fingerprint(key)
    groups = shown.split("-")
    assert len(groups) == 8 and all(
        len(g) == 4 and set(g) <= set("0123456789ABCDEF") for g in groups
    )
    assert protocol.key_fingerprint(key) == shown
    assert protocol.key_fingerprint(_key()) != shown


def test_a_typed_fingerprint_matches_in_any_case_and_spacing_and_nothing_else() -> None:
    shown = protocol.key_fingerprint(_key())
    assert protocol.same_fingerprint(shown.lower(), shown)
    assert protocol.same_fingerprint(shown.replace("-", " "), shown)
    assert not protocol.same_fingerprint(shown[:-1] + ("0" if shown[-1] != "0" else "1"), shown)
    assert not protocol.same_fingerprint(shown[:20], shown)
    assert not protocol.same_fingerprint("", shown)
    assert not protocol.same_fingerprint("----", "----")


def test_a_fingerprint_typed_with_other_letters_is_refused_not_a_crash() -> None:
    """A Vietnamese input method may send "Đ", a decomposed letter or full-width digits."""
    shown = protocol.key_fingerprint(_key())
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in shown)
    assert protocol.same_fingerprint(full_width, shown)  # the same characters, NFKC
    assert not protocol.same_fingerprint(shown + "Đ", shown)
    assert not protocol.same_fingerprint(shown[:-1] + "e\u0301", shown)
