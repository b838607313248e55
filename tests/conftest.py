"""Shared fixtures: a real desk on a real SQLite file, with a clock the test controls."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

# Qt runs without a screen in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Printing goes to the tests' own CUPS scheduler (tests/cups.py), never the machine's; libcups
# reads this once per process, so it is set before anything can print.
from tests.cups import SOCKET as CUPS_SOCKET

os.environ["CUPS_SERVER"] = str(CUPS_SOCKET)
# The chip tests' private pcscd: its socket is set before anything loads pyscard.
from desk_app.app import Desk, open_desk
from desk_app.capture.signing import TokenIdentity
from desk_app.domain.calendar import VN_TZ
from desk_app.domain.dossier import ComponentDraft, DossierDraft, PersonDraft
from desk_app.services.access import PASSWORD_ENV, is_set_up, set_up_desk
from desk_app.services.clock import Clock, system_clock
from desk_app.storage.keyring import KdfCost
from tests import pcsc
from tests.capture.certs import OfficerCert, make_officer


def _sane_test_backend() -> Path:
    """libsane with only its ``test`` backend, A4-sized, without touching /etc
    (conventions.md). libsane reads its configuration once per process, so this is set
    before anything can start it."""
    folder = Path(tempfile.mkdtemp(prefix="sane-"))
    (folder / "dll.conf").write_text("test\n")
    system = Path("/etc/sane.d/test.conf")
    if system.is_file():
        lines = [
            "geometry_max 300.0" if line.startswith("geometry_max") else line
            for line in system.read_text().splitlines()
        ]
        (folder / "test.conf").write_text("\n".join(lines) + "\n")
    os.environ["SANE_CONFIG_DIR"] = str(folder)
    return folder


SANE_CONFIG_DIR = _sane_test_backend()


class FakeClock:
    """A settable clock: ``clock.now = datetime(...)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def officer(tmp_path_factory: pytest.TempPathFactory) -> OfficerCert:
    """An officer's signing certificate (PKCS#12) issued by a CA made for the tests."""
    return make_officer(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def clock() -> FakeClock:
    # Wednesday 4 March 2026, 09:15, an ordinary working day.
    return FakeClock(datetime(2026, 3, 4, 9, 15, tzinfo=VN_TZ))


TEST_PASSWORD = "Cây đa đầu làng 2026"
CHEAP_KDF = KdfCost(time_cost=1, memory_kib=64, parallelism=1)  # argon2id, but fast


def desk_at(
    path: Path,
    *,
    clock: Clock = system_clock,
    officer: str = "admin",
    password: str = TEST_PASSWORD,
) -> Desk:
    """The desk in ``path``, set up on first use (administrator ``admin``, a cheap KDF)."""
    if not is_set_up(path):
        set_up_desk(
            path, username="admin", full_name="Quản trị thử", password=TEST_PASSWORD,
            clock=clock, cost=CHEAP_KDF,
        )  # fmt: skip
    return open_desk(path, officer=officer, password=password, clock=clock)


def flip_a_byte(path: Path) -> None:
    """One byte in the middle of ``path`` changed as a disk would: size and modification
    time as they were."""
    stamp = path.stat()
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size


def desk_env(**extra: str) -> dict[str, str]:
    """The environment for a desk-app subprocess on a desk made by ``desk_at``."""
    return os.environ | {PASSWORD_ENV: TEST_PASSWORD} | extra


@pytest.fixture
def desk(tmp_path: Path, clock: FakeClock) -> Iterator[Desk]:
    d = desk_at(tmp_path / "data", clock=clock)
    yield d
    d.close()


def birth_draft(desk: Desk, **applicant: str) -> DossierDraft:
    """A complete draft for birth registration (1.001193), as an officer would fill it."""
    procedure = desk.catalogue.find("1.001193")
    assert procedure is not None
    person = PersonDraft(
        full_name="Nguyễn Thị Hồng Nhung",
        id_number="001190012345",
        birth_date="05/09/1990",
        sex="Nữ",
        address="Thôn Đông, xã Minh Phú, thành phố Hà Nội",
        phone="0912 345 678",
        email="",
    )
    for key, value in applicant.items():
        setattr(person, key, value)
    return DossierDraft(
        procedure_code="1.001193",
        applicant=person,
        components=[
            ComponentDraft(c.name, c.copy_kind.value, c.count, c.required, c.key)
            for c in procedure.components
        ],
    )


@pytest.fixture(scope="session")
def sane_config() -> Path:
    """The SANE ``test`` backend's private configuration (set up at import, above)."""
    assert Path("/etc/sane.d/test.conf").is_file(), (
        "libsane's test backend is missing (scripts/test installs sane-utils)"
    )
    return SANE_CONFIG_DIR


SOFTHSM_MODULE = next(
    (
        Path(p)
        for p in (
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        )
        if Path(p).is_file()
    ),
    Path("/usr/lib/softhsm/libsofthsm2.so"),
)


@pytest.fixture(scope="session")
def token(
    tmp_path_factory: pytest.TempPathFactory, officer: OfficerCert
) -> Iterator[TokenIdentity]:
    """A real PKCS#11 token (SoftHSM2) holding the officer's key and certificate."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    pin = "246810"
    util = shutil.which("softhsm2-util")
    assert util, "softhsm2 is not installed (scripts/test installs it)"
    subprocess.run(
        [util, "--init-token", "--free", "--label", "can-bo", "--pin", pin, "--so-pin", "13579"],
        check=True, capture_output=True,
    )  # fmt: skip
    key = folder / "key.pem"
    key.write_bytes(officer.key_pem)
    subprocess.run(
        [util, "--import", str(key), "--token", "can-bo", "--label", "officer", "--id", "01",
         "--pin", pin],
        check=True, capture_output=True,
    )  # fmt: skip
    key.unlink()
    import pkcs11
    from asn1crypto import x509

    lib = pkcs11.lib(str(SOFTHSM_MODULE))
    with lib.get_token(token_label="can-bo").open(user_pin=pin, rw=True) as session:
        session.create_object(
            {
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: "officer",
                pkcs11.Attribute.ID: b"\x01",
                pkcs11.Attribute.VALUE: officer.cert_der,
                pkcs11.Attribute.SUBJECT: x509.Certificate.load(officer.cert_der).subject.dump(),
            }
        )
    yield TokenIdentity(SOFTHSM_MODULE, "can-bo", pin, key_label="officer")
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


# --- Skips: printed always, and a failure under CI --------------------------------------
# The README's claims rest on tests that need real parts (network namespaces, PostgreSQL,
# S3, the scanner, Xvfb). A test that skips quietly proves nothing, so CI (CI=true) fails
# when any test was skipped, and every run lists what it skipped and why.

_skipped: list[pytest.TestReport] = []
# Windows' own code (DPAPI) is skipped here and run for real under the Windows CPython in
# Wine by scripts/test-windows, which CI runs after this suite: not a hole in the proof.
RUN_UNDER_WINE = "scripts/test-windows runs it in Wine"


def _reason(report: pytest.TestReport) -> str:
    return str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _sigpipe_changed_after:
        terminalreporter.write_line(
            "SIGPIPE was set back to its default (and ignored again) after: "
            + ", ".join(dict.fromkeys(_sigpipe_changed_after))
        )
    if not _skipped:
        return
    terminalreporter.section(f"{len(_skipped)} skipped")
    for report in _skipped:
        terminalreporter.write_line(f"SKIPPED {report.nodeid}: {_reason(report)}")
    if _ci() and _holes():
        terminalreporter.write_line(
            "CI=true: a skipped test is a failure here (the claims it proves would go unproved).",
            red=True,
        )


def _holes() -> list[pytest.TestReport]:
    """Skips that leave a claim unproved: all but Windows' own code run under Wine."""
    return [r for r in _skipped if RUN_UNDER_WINE not in _reason(r)]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _ci() and _holes() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- SIGPIPE stays ignored ------------------------------------------------------------------
# Python ignores SIGPIPE (a write to a closed pipe or socket raises BrokenPipeError). A C
# library loaded in this process may set it back to its default, after which one write to a
# pipe whose reader died (a killed worker, a server stopped mid-answer) ends the whole test
# run with exit 141 and no report (seen once in CI's run of tests/e2e/test_powercut.py).
# Python's setting is put back before every test, and the tests after which it had changed
# are named at the end of the run.

_sigpipe_changed_after: list[str] = []
_last_test: list[str] = [""]


@pytest.fixture(autouse=True)
def _sigpipe_ignored(request: pytest.FixtureRequest) -> Iterator[None]:
    import signal

    if not hasattr(signal, "SIGPIPE"):  # Windows has none
        yield
        return
    if signal.getsignal(signal.SIGPIPE) != signal.SIG_IGN:
        _sigpipe_changed_after.append(_last_test[0] or "(before the first test)")
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    _last_test[0] = request.node.nodeid
    yield
    if signal.getsignal(signal.SIGPIPE) != signal.SIG_IGN:
        _sigpipe_changed_after.append(request.node.nodeid)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)


# --- a small file system of the test's own, to fill or make read-only ---------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB tmpfs mounted for the test (root only), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture(scope="session")
def pcscd() -> Iterator[pcsc.Pcscd]:
    """A private pcscd with a virtual reader (tests/pcsc.py); the one place it starts and stops."""
    reason = pcsc.missing()
    if reason:
        pytest.skip(reason)
    daemon = pcsc.Pcscd()
    yield daemon
    daemon.stop()
