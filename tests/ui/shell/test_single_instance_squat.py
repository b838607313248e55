"""Issue 20's bar for the second-instance guard: another user of the PC (a real process
running as ``nobody``) takes the lock file and the local socket the desk would use, before
the desk starts. The desk must still start on its folder: its lock and socket live where
only its own user can create files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDir

from desk_app.ui.shell.single_instance import claim, instance_name

NOBODY = 65534
# The squatter needs no Qt: QLockFile's file is five lines (pid, application name, host,
# machine id, boot id) and a held lock is one whose pid runs an executable of that name.
SQUATTER = """
import os, socket, sys
lock, sock, app = sys.argv[1:4]
ids = [open(p).read().strip().replace("-", "") if "machine" in p else open(p).read().strip()
       for p in ("/etc/machine-id", "/proc/sys/kernel/random/boot_id")]
fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
os.write(fd, f"{os.getpid()}\\n{app}\\n{socket.gethostname()}\\n{ids[0]}\\n{ids[1]}\\n".encode())
os.close(fd)
server = socket.socket(socket.AF_UNIX)
server.bind(sock)
server.listen()
print("squatting", flush=True)
sys.stdin.readline()
os.unlink(lock)
os.unlink(sock)
"""


@pytest.fixture
def squatter(qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    if os.geteuid() != 0:
        pytest.skip("running a process as another user needs root")
    folder = tmp_path / "data"
    name = instance_name(folder)
    app = QCoreApplication.applicationName()
    # an executable of the desk's name, which another user can make as easily
    bin_dir = Path(tempfile.mkdtemp(prefix="squatter-"))
    os.chmod(bin_dir, 0o755)
    shutil.copy(Path("/usr/bin/python3").resolve(), bin_dir / app)  # Debian's, not the venv's
    temp = Path(QDir.tempPath())
    proc = subprocess.Popen(
        [bin_dir / app, "-c", SQUATTER, str(temp / f"{name}.lock"), str(temp / name), app],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "squatting"
        yield folder
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)
        shutil.rmtree(bin_dir)


def test_another_users_squat_does_not_keep_the_desk_from_starting(squatter: Path) -> None:
    started = time.perf_counter()
    holder = claim(squatter)
    assert holder is not None, "another user's process kept the desk from starting"
    try:
        assert holder.watching()
        assert time.perf_counter() - started < 3
        assert claim(squatter) is None  # and the guard still guards against itself
    finally:
        holder.release()
