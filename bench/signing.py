"""The officer's signature: time and bytes it adds to each component PDF.

    python -m bench.signing [--runs 20] [--pages 1]

A component PDF of ``--pages`` cleaned B/W text pages (the corpus's notice, 300 dpi) is
signed with a PKCS#12 officer certificate (RSA 2048, issued by a CA made in the run, as
in the tests) through the desk's own ``sign_pdf``: a visible stamp on page 1, PAdES, an
incremental update. The first signature of a process is timed apart (the stamp font is
cut down to Vietnamese once); then ``--runs`` signatures of the same PDF. Each signed file
is checked with pyHanko against the CA. Bytes: signed minus unsigned.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.common import report, timed
from bench.figures import emit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20, help="signatures timed (p95: ≥ 20)")
    parser.add_argument("--pages", type=int, default=1, help="pages of the component PDF")
    args = parser.parse_args()

    from bench.corpus import text_page
    from desk_app.capture.cleanup import clean
    from desk_app.capture.page import ColourMode, RawPage
    from desk_app.capture.pdf import PdfMeta, build_pdf
    from desk_app.capture.signing import Pkcs12Identity, sign_pdf, verify
    from desk_app.domain.calendar import VN_TZ
    from tests.capture.certs import make_officer  # the tests' CA and officer certificate

    now = datetime.now(VN_TZ)
    meta = PdfMeta("Bản sao", "000.00.27.H12-261122-0001", "Bản sao", "Bench", now)
    pages = [
        clean(RawPage(text_page(seed=n).image, 300, "t"), ColourMode.BW) for n in range(args.pages)
    ]
    unsigned = build_pdf(pages, meta)
    with tempfile.TemporaryDirectory() as folder:
        officer = make_officer(Path(folder))
        identity = Pkcs12Identity(officer.p12, officer.passphrase)
        started = time.perf_counter()
        signed = sign_pdf(unsigned, identity, when=now)
        first = (time.perf_counter() - started) * 1000
        checks = verify(signed, [officer.root_pem])
        assert checks and all(c.intact and c.valid and c.trusted for c in checks), checks
        samples = timed(lambda: sign_pdf(unsigned, identity, when=now), args.runs)
    added = len(signed) - len(unsigned)
    words = f"PKCS#12, RSA 2048, visible stamp, {args.pages}-page B/W component"
    print(
        f"component PDF {len(unsigned) / 1000:.1f} KB; signed {len(signed) / 1000:.1f} KB "
        f"(+{added / 1000:.1f} KB); first signature of the process {first:.0f} ms"
    )
    emit("signing.bytes", added, "bytes", words)
    emit("signing.first", first, "ms", "first of a process: the stamp font is subset once")
    report("signature (after the first)", samples, key="signing.ms", conditions=words)


if __name__ == "__main__":
    main()
