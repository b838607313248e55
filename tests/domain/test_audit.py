from __future__ import annotations

from dataclasses import replace

from desk_app.domain.audit import GENESIS, AuditAction, AuditEntry, seal, verify


def _chain(count: int) -> list[tuple[AuditEntry, str, str]]:
    chain, previous = [], GENESIS
    for seq in range(1, count + 1):
        entry = AuditEntry(
            seq, f"2026-11-23T08:{seq:02d}:00+07:00", "canbo", AuditAction.VIEW, f"HS-{seq}", ""
        )
        digest = seal(previous, entry)
        chain.append((entry, previous, digest))
        previous = digest
    return chain


def test_an_intact_chain_verifies() -> None:
    assert verify(_chain(20)) == []


def test_an_edited_entry_is_found() -> None:
    chain = _chain(10)
    entry, prev, digest = chain[4]
    chain[4] = (replace(entry, subject="HS-khác"), prev, digest)
    assert [(b.seq, b.reason) for b in verify(chain)] == [(5, "nội dung đã bị sửa")]


def test_an_edited_entry_whose_hash_was_recomputed_breaks_the_next_link() -> None:
    chain = _chain(10)
    entry, prev, _ = chain[4]
    forged = replace(entry, officer="admin")
    chain[4] = (forged, prev, seal(prev, forged))
    assert [b.seq for b in verify(chain)] == [6]


def test_a_removed_entry_is_found() -> None:
    chain = _chain(10)
    del chain[3]
    reasons = {b.reason for b in verify(chain)}
    assert [b.seq for b in verify(chain)] == [5, 5] and "thiếu mục 4–4" in reasons


def test_a_hash_is_stable_and_every_character_counts() -> None:
    entry = AuditEntry(
        1, "2026-11-23T08:00:00+07:00", "canbo", AuditAction.PRINT, "HS-1", "Biên nhận"
    )
    assert seal(GENESIS, entry) == seal(GENESIS, replace(entry))
    assert seal(GENESIS, entry) != seal(GENESIS, replace(entry, detail="Biên nhận "))


def test_an_anchor_catches_a_chain_resealed_to_the_same_length() -> None:
    from desk_app.domain.audit import Anchor

    def chain_of(subjects: list[str]) -> list[tuple[AuditEntry, str, str]]:
        links, previous = [], GENESIS
        for seq, subject in enumerate(subjects, start=1):
            entry = AuditEntry(seq, "2026-03-04T09:15:00+07:00", "lan.pt", AuditAction.VIEW,
                               subject, "")  # fmt: skip
            digest = seal(previous, entry)
            links.append((entry, previous, digest))
            previous = digest
        return links

    held = chain_of(["A", "B", "C", "D"])
    anchor = Anchor(3, held[2][2], "2026-03-04T02:20:00+00:00")
    assert verify(held, anchor) == []
    resealed = chain_of(["A", "X", "C", "D"])  # B replaced, everything after re-sealed
    assert verify(resealed) == []
    [gap] = verify(resealed, anchor)
    assert gap.seq == 3 and "máy chủ đã xác nhận" in gap.reason
    [short] = verify(held[:2], anchor)
    assert short.seq == 3 and "thiếu các mục 3–3" in short.reason
