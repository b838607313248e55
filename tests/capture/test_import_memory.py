"""Memory on bad input: `desk-app digitise` run as a process on a real desk, its peak
memory read from the kernel (``wait4``'s ``ru_maxrss``).

The issue's file (12 KB, 40 pages that all draw one 20,000 × 20,000 image) took 7.2 GB:
every page was rendered, and kept. Now each image's size is read from its dictionary
before anything is decoded, and pages are rendered one at a time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.importer import check_file, read_bytes
from desk_app.capture.limits import ImportBudget
from tests.capture.hostile_pdfs import honest_scan, inline_script, one_huge_image
from tests.conftest import TEST_PASSWORD, birth_draft, desk_at

# A safety net for the machine, not the measure: a child that goes past it fails.
ADDRESS_SPACE_LIMIT = 4 * 1024**3


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def digitise(data: Path, code: str, *files: Path) -> tuple[int, str, float, float]:
    """Exit code, stderr, peak resident MB and seconds of one `desk-app digitise`."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "desk_app", "digitise", "--data-dir", str(data), code,
         "--component", "1", *map(str, files)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        env=os.environ | {"DESK_APP_PASSWORD": TEST_PASSWORD}, preexec_fn=_limit,
    )  # fmt: skip
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, err, usage.ru_maxrss / 1024, time.monotonic() - started


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data = tmp_path_factory.mktemp("memory") / "data"
    desk = desk_at(data)
    try:
        return data, desk.intake.receive(birth_draft(desk)).record.code
    finally:
        desk.close()


@pytest.mark.parametrize("nested", [True, False], ids=["12 KB, deflated twice", "deflated once"])
def test_the_issues_pdf_is_refused_before_decoding(
    dossier: tuple[Path, str], tmp_path: Path, nested: bool
) -> None:
    data, code = dossier
    hostile = tmp_path / "to-khai.pdf"
    hostile.write_bytes(one_huge_image(40, 20_000, nested=nested))
    if nested:
        assert hostile.stat().st_size < 16 * 1024  # the issue's 12 KB
    returncode, err, peak_mb, seconds = digitise(data, code, hostile)
    assert returncode == 2, err
    assert "20.000 × 20.000 điểm ảnh" in err and "quét lại" in err, err
    assert "Traceback" not in err
    print(f"refused in {seconds:.1f} s, peak {peak_mb:.0f} MB")
    assert peak_mb < 400, f"peak {peak_mb:.0f} MB"
    assert seconds < 30


def test_pages_are_rendered_one_at_a_time(dossier: tuple[Path, str], tmp_path: Path) -> None:
    """The peak does not grow with the pages: 24 pages cost what 4 do, give or take one
    page (a 200 dpi A4 page is 11 MB as an RGB image; keeping them would add 220 MB)."""
    data, code = dossier
    few = honest_scan(tmp_path / "few.pdf", 4, seed=1)
    many = honest_scan(tmp_path / "many.pdf", 24, seed=2)
    small = digitise(data, code, few)
    large = digitise(data, code, many)
    assert small[0] == 0 and large[0] == 0, (small[1], large[1])
    print(f"peak: 4 pages {small[2]:.0f} MB, 24 pages {large[2]:.0f} MB")
    assert large[2] - small[2] < 60, f"4 pages {small[2]:.0f} MB, 24 pages {large[2]:.0f} MB"


def test_one_import_has_a_pixel_budget(tmp_path: Path) -> None:
    pages = honest_scan(tmp_path / "scan.pdf", 3)
    budget = ImportBudget(pixels=40_000_000)  # 3 pages at 200 dpi: 3 × (3.9 + 3.9) M
    check_file(pages, budget)
    with pytest.raises(UnsafeFile, match="chia thành nhiều lần nhập"):
        check_file(pages, budget)  # the second file of the same import goes over


@pytest.mark.parametrize("where", ["page /AA", "/OpenAction", "annotation /A", "names tree"])
def test_javascript_written_inline_is_found(where: str) -> None:
    with pytest.raises(UnsafeFile, match="JavaScript"):
        read_bytes(inline_script(where), "thu.pdf")


def test_a_content_stream_bomb_is_refused() -> None:
    """A page whose content is 12 KB deflated twice (400 MB once inflated)."""
    import io
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    once = zlib.compressobj(9)
    inflated = b"".join(once.compress(bytes(1 << 20)) for _ in range(400)) + once.flush()
    bomb = pikepdf.Stream(pdf, zlib.compress(inflated, 9))
    bomb["/Filter"] = pikepdf.Array([pikepdf.Name.FlateDecode] * 2)
    pdf.pages[0].obj["/Contents"] = pdf.make_indirect(bomb)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    with pytest.raises(UnsafeFile, match="nén nhiều lớp"):
        read_bytes(out.getvalue(), "bom.pdf")
    single = pikepdf.new()
    single.add_blank_page()
    big = pikepdf.Stream(single, inflated)  # 400 MB of content, deflated once
    big["/Filter"] = pikepdf.Name.FlateDecode
    single.pages[0].obj["/Contents"] = single.make_indirect(big)
    out = io.BytesIO()
    single.save(out, compress_streams=False)
    with pytest.raises(UnsafeFile, match="bung ra quá lớn"):
        read_bytes(out.getvalue(), "bom.pdf")


def test_a_page_without_a_size_is_refused() -> None:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj["/MediaBox"] = pikepdf.Array([0, 0, 10**9, 10**9])
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(UnreadableFile, match="kích thước"):
        read_bytes(out.getvalue(), "to.pdf")


@pytest.mark.parametrize(
    "where", ["inherited", "form in a form", "pattern", "soft mask", "annotation", "inline"]
)
def test_a_huge_image_is_found_wherever_the_page_draws_it(where: str) -> None:
    from tests.capture.hostile_pdfs import huge_image_hidden

    with pytest.raises(UnsafeFile, match=r"20\.000 × 20\.000"):
        read_bytes(huge_image_hidden(where), "an.pdf")


def test_the_scan_panel_keeps_pages_packed(tmp_path: Path) -> None:
    """The scan panel's path (``import_files``, each page cleaned with its thumbnail, the
    colour mode changed so every page is cleaned again, then the save), run in a fresh
    process on a real desk: 40 honest pages at 200 dpi. Each raw page stays a lossless PNG
    and each cleaned page the G4 bytes its PDF embeds, so the peak grows by a few pages'
    pixels; before, every page's RGB pixels (11.6 MB each) and cleaned image stayed."""
    from bench.import_memory import PANEL, measure

    scan = honest_scan(tmp_path / "scan.pdf", 40, seed=3)
    result = measure(tmp_path, "bw", scan, child=PANEL)
    peak, base = float(result["peak_mb"]), float(result["baseline_mb"])  # type: ignore[arg-type]
    print(f"40 pages: peak {peak:.0f} MB, baseline {base:.0f} MB, {result['seconds']:.0f} s")
    assert result["pages"] == 40
    assert peak - base < 150, f"peak {peak:.0f} MB over a {base:.0f} MB baseline"


def test_a_packed_page_gives_back_the_same_pixels(tmp_path: Path) -> None:
    """A page kept by the panel is decoded again exactly: a plain page from its PNG (held
    in memory), a noisy one (PNG over 1 MB) from its file's bytes, rendered again."""
    import io

    import img2pdf
    from PIL import Image, ImageChops

    from desk_app.capture.importer import iter_file

    noisy = Image.effect_noise((1654, 2339), 64)  # 200 dpi A4, grey noise
    jpeg = io.BytesIO()
    noisy.save(jpeg, format="JPEG", quality=90, dpi=(200, 200))
    scan = tmp_path / "noisy.pdf"
    scan.write_bytes(img2pdf.convert([jpeg.getvalue()]) or b"")
    plain = honest_scan(tmp_path / "plain.pdf", 1)
    held = {}
    for path in (scan, plain):
        [page] = iter_file(path)
        kept = page.packed()
        assert kept.is_packed and not page.is_packed
        assert ImageChops.difference(kept.image, page.image).getbbox() is None
        assert kept.image.mode == page.image.mode == "RGB"
        held[path.name] = kept.held_bytes
    assert held["noisy.pdf"] == 0  # its file's bytes, shared
    assert 0 < held["plain.pdf"] < 1024 * 1024  # a PNG of one grey channel
