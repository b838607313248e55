# Shared by scripts/demo and scripts/test: Debian packages and the virtual environment.
# Sourced, not run. Works on a fresh Debian machine with Python 3.11, as root or with sudo.

# Libraries Qt needs even without a screen (offscreen tests) ...
QT_BASE_PACKAGES="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
# ... and to open a window on an X11 desktop.
QT_DESKTOP_PACKAGES="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0"

# Digitisation tests: libsane and its "test" scanner backend (python-sane builds against
# libsane-dev), SoftHSM2 as a real PKCS#11 token, and a compiler for python-sane.
SCAN_TEST_PACKAGES="libsane-dev libsane-common sane-utils softhsm2 gcc python3-dev"
# Sync tests: a real browser for the public status page, PostgreSQL for the scale-out path,
# and network namespaces, tc and nftables for the weak-link test (needs root).
SYNC_TEST_PACKAGES="chromium postgresql iproute2 nftables libfuse2"
# Printing tests: a private CUPS scheduler with a queue that writes what it prints to a file.
PRINT_TEST_PACKAGES="cups-daemon cups-client"
# PDF/A structure read by a parser other than the one that wrote it.
PDF_TEST_PACKAGES="qpdf"
# The Linux bundle's build (installer/build.sh): readelf, as and ld, and icupkg, which
# trims Qt's ICU data (installer/trim_icu.py).
BUNDLE_BUILD_PACKAGES="binutils icu-devtools"
# The ID card reader: pyscard has no Linux wheel and builds against pcsclite with swig;
# pcscd is the PC/SC service USB NFC readers (CCID) work through.
PCSC_PACKAGES="libpcsclite1 libpcsclite-dev swig gcc python3-dev pcscd libccid"
# Chip tests: a virtual reader (vpcd) for pcscd and vsmartcard's card emulator (vicc);
# its nPA card (PACE) needs OpenPACE's Python bindings, built against libeac-dev with swig
# (ensure_openpace_python; libeac-dev's headers include OpenSSL's).
CHIP_TEST_PACKAGES="vsmartcard-vpcd vsmartcard-vpicc python3-virtualsmartcard libeac3 libeac-dev libssl-dev"

ensure_debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Thiếu gói hệ thống: ${missing[*]} (cần cài bằng trình quản lý gói của máy)." >&2
        return 1
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "Cần quyền root để cài: ${missing[*]}" >&2; return 1; }
        sudo="sudo"
    fi
    echo "Cài gói hệ thống: ${missing[*]}" >&2
    # A failing update (no network, a mirror down) does not stop the run: the lists the
    # machine has may still hold the missing packages; the install says if they do not.
    $sudo apt-get update -qq || echo "apt-get update không chạy được; cài từ danh sách gói đang có." >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
    for candidate in ${PYTHON:-} python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Cần Python 3.11 trở lên." >&2
    return 1
}

ensure_venv() {
    local venv="$1" python
    python=$(find_python)
    if [ ! -x "$venv/bin/python" ]; then
        # Debian ships venv's pip bootstrap separately.
        "$python" -c 'import ensurepip' 2>/dev/null || ensure_debian_packages python3-venv
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install -q --upgrade pip
    fi
}

# OpenPACE's Python bindings for the PACE chip tests (scripts/build-openpace-python, cached).
# A failure does not stop the run: the other tests go on and the PACE tests fail loudly.
ensure_openpace_python() {
    scripts/build-openpace-python "$1" >/dev/null \
        || echo "Không dựng được OpenPACE cho Python: các kiểm thử PACE sẽ báo lỗi." >&2
}
