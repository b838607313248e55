"""A smaller ICU data library for the Linux bundle (called by installer/desk-app.spec).

PySide6's Qt on Linux links ICU (libicuuc, libicui18n, libicudata). Qt reads ICU's data
only for collation (QCollator: file dialogs sort names with it) and for legacy text
codecs; its locales, time zones and text boundaries are its own. libicudata carries the
whole of ICU's data, 31 MB: every locale's names, currencies, units, zones, break
dictionaries, transliterators and CJK codecs. This keeps what the desk's Qt can ask for:
the root and Vietnamese and English locales and collations (with the UCA table), the
normalisation data, the codec alias table and the single-byte Windows/ISO/DOS codecs,
and links that package back into a library of the same soname and symbol, ~1.5 MB.

Needs ``icupkg`` (Debian: icu-devtools) and binutils (``readelf``, ``as``, ``ld``).
Usage: ``python installer/trim_icu.py SRC_LIBICUDATA OUT_DIR`` → prints the new path.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# Item names inside the package (without the "icudt73l/" prefix).
KEEP = re.compile(
    r"""^(
        (coll/)?(res_index|root|pool|vi|vi_VN|en|en_US|en_US_POSIX)\.res   # locales, collations
      | coll/ucadata\.icu                                                  # the UCA table
      | (likelySubtags|supplementalData|metadata|keyTypeData|icuver|icustd)\.res
      | (nfkc|nfkc_cf|uts46)\.nrm                                          # normalisation
      | cnvalias\.icu                                                      # codec names
      | ibm-(125\d|534[6-9]|535[0-4]|91[2-9]|92[0-3]|813|874|878|1129|437|850|852|866)_[^/]*\.cnv
      | iso-8859_[^/]*\.cnv
    )$""",
    re.VERBOSE,
)


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def data_symbol(lib: Path) -> tuple[str, int, int]:
    """The ``icudtNN_dat`` symbol: its name, file offset and size."""
    symbols = _run("readelf", "-Ws", lib)
    found = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+(\d+)\s+(icudt\d+_dat)\s*$",
        symbols,
        re.MULTILINE,
    )
    if found is None:
        raise SystemExit(f"{lib}: no icudtNN_dat symbol")
    value, size, index, name = found.groups()
    sections = _run("readelf", "-SW", lib)
    row = re.search(
        rf"^\s*\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s", sections, re.MULTILINE
    )
    if row is None:
        raise SystemExit(f"{lib}: no section {index}")
    address, offset = int(row.group(1), 16), int(row.group(2), 16)
    return name, int(value, 16) - address + offset, int(size, 0)


def trim(lib: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    name, offset, size = data_symbol(lib)
    package = name.removesuffix("_dat") + "l"  # little-endian: icudt73l
    with lib.open("rb") as f:
        f.seek(offset)
        data = f.read(size)
    (out_dir / "full").mkdir(exist_ok=True)
    full = out_dir / "full" / f"{package}.dat"  # icupkg wants the package's own file name
    full.write_bytes(data)
    items = [line.strip() for line in _run("icupkg", "-l", full).splitlines() if line.strip()]
    items = [i.removeprefix(package + "/") for i in items]
    gone = [i for i in items if not KEEP.match(i)]
    kept = len(items) - len(gone)
    if kept < 10 or not any(i == "coll/vi.res" for i in items if KEEP.match(i)):
        raise SystemExit(f"{lib}: unexpected ICU package ({kept} items kept)")
    remove = out_dir / "remove.txt"
    remove.write_text("\n".join(gone) + "\n", encoding="ascii")
    small = out_dir / f"{package}.dat"
    _run("icupkg", "-r", remove, full, small)
    source = out_dir / "icudata.s"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {name}\n"
        f"\t.type {name}, @object\n"
        "\t.balign 16\n"
        f"{name}:\n"
        f'\t.incbin "{small}"\n'
        f"\t.size {name}, . - {name}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    obj = out_dir / "icudata.o"
    _run("as", "-o", obj, source)
    built = out_dir / lib.name
    _run("ld", "-shared", "-soname", lib.name, "-o", built, obj)
    full.unlink()
    return built


if __name__ == "__main__":
    print(trim(Path(sys.argv[1]), Path(sys.argv[2])))
