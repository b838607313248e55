"""PDF/A-2b, checked by tools that did not write the file.

No independent PDF/A validator (veraPDF is Java, from Maven) can be installed from the
registries this project uses; pikepdf's validator (the writer's own library) is the only
one that judges the profile, in tests/capture/test_pdf.py. Here the file is read by two
other programs: qpdf (its CLI, its own parser) checks the syntax, the streams and the
clauses of PDF/A-2b that are structure (no encryption, a trailer /ID, an output intent
with an sRGB ICC profile, the XMP stream in the catalogue, no JavaScript, no LZW, no
embedded files, no transparency groups), and poppler's pdfinfo reads the XMP identification
(pdfaid part 2, conformance B). Not proved here: fonts (pages are images, no text), colour
spaces inside images against the output intent, XMP schema validity beyond pdfaid."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from bench.corpus import form_page, text_page
from desk_app.capture.cleanup import clean
from desk_app.capture.page import ColourMode, RawPage
from desk_app.capture.pdf import build_pdf
from tests.capture.test_pdf import META


def _objects(path: Path) -> dict[str, dict[str, object]]:
    out = subprocess.run(["qpdf", "--json=2", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["qpdf"][1]  # type: ignore[no-any-return]


def _value(objects: dict[str, dict[str, object]], ref: object) -> object:
    return objects[f"obj:{ref}"]["value"] if isinstance(ref, str) and ref.endswith(" R") else ref


@pytest.mark.parametrize("mode", [ColourMode.BW, ColourMode.GREY, ColourMode.COLOUR])
def test_a_component_pdf_reads_as_pdfa_2b_to_qpdf_and_poppler(
    mode: ColourMode, tmp_path: Path
) -> None:
    pages = [
        clean(RawPage(text_page(seed=1).image, 300, "t"), mode),
        clean(RawPage(form_page(seed=2).image, 300, "f"), mode),
    ]
    path = tmp_path / "component.pdf"
    path.write_bytes(build_pdf(pages, META))

    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "File is not encrypted" in check.stdout
    assert "No syntax or stream encoding errors found" in check.stdout

    objects = _objects(path)
    trailer = objects["trailer"]["value"]
    assert isinstance(trailer, dict) and len(trailer["/ID"]) == 2  # PDF/A: a file identifier
    assert "/Encrypt" not in trailer
    catalog = _value(objects, trailer["/Root"])
    assert isinstance(catalog, dict)
    assert "/Metadata" in catalog and "/Names" not in catalog  # no embedded files, no JS
    assert not {"/OpenAction", "/AA", "/AcroForm"} & set(catalog)
    [intent_ref] = catalog["/OutputIntents"]
    intent = _value(objects, intent_ref)
    assert isinstance(intent, dict) and intent["/S"] == "/GTS_PDFA1"
    profile = objects[f"obj:{intent['/DestOutputProfile']}"]["stream"]["dict"]  # type: ignore[index]
    assert profile["/N"] == 3  # an RGB ICC profile (sRGB)
    text = json.dumps(objects)
    for forbidden in ("/LZWDecode", "/JavaScript", "/JS", "/Transparency", "/EmbeddedFile"):
        assert forbidden not in text, forbidden

    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True)
    assert meta.returncode == 0, meta.stderr
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta.stdout)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", meta.stdout)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M) and re.search(r"^Encrypted:\s+no$", info, re.M)
