"""``desk-app``: the desk window by default, and headless commands over the same services.

Errors an officer can cause are printed to stderr in the command's language (Vietnamese,
or English with ``DESK_APP_LANG=en``) with exit code 2; anything unexpected exits 1 with a
short message (no traceback in front of an officer).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time

from desk_app.cli import gui
from desk_app.cli.common import data_dir
from desk_app.cli.language import say
from desk_app.cli.parser import parse
from desk_app.domain.errors import DeskError, DraftInvalid
from desk_app.logs import configure as configure_logging
from desk_app.platform.console import utf8_output

log = logging.getLogger("desk_app.cli")

EXIT_USER_ERROR = 2
EXIT_CLOSED_PIPE = 141  # as a Unix tool stopped by SIGPIPE (128 + 13)


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a frozen (PyInstaller) build re-enters here in workers
        import multiprocessing  # (only there: freeze_support does nothing elsewhere)

        multiprocessing.freeze_support()
    utf8_output()
    args = parse(argv)
    args.officer = str(args.officer).strip().lower()
    command = args.command or "gui"
    if command != "gui":  # (held off while the program loaded: desk_app.launch; the
        gc.enable()  # window turns it back on after its first paint)
    handler = getattr(args, "handler", gui.run)  # no command: the window
    # (not while a restore replaces the data folder: Windows cannot rename a folder with
    # an open file in it)
    if command != "restore" and (command != "due" or args.__dict__.get("data_dir")):
        try:
            configure_logging(data_dir(args))
        except OSError:  # a read-only or missing drive: no log (not on the console), work on
            logging.getLogger().addHandler(logging.NullHandler())
    started = time.monotonic()
    log.info("command %s started (officer %s)", command, args.officer)
    error = say("Lỗi", "Error")
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        log.info("command %s ended: exit %d in %.1f s", command, code, time.monotonic() - started)
        return code
    except BrokenPipeError:
        # The reader went away (`desk-app search … | head -1`): what it read was whole, the
        # desk was closed on the way out (``finally``); stop quietly, as Unix tools do.
        log.info("command %s: output closed by its reader", command)
        _quiet_closed_output()
        return EXIT_CLOSED_PIPE
    except DraftInvalid as err:
        # the message may quote what was typed: only the fields go to the log
        log.warning("command %s refused: %s", command, ", ".join(e.field for e in err.errors))
        for e in err.errors:
            print(f"{error}: {e.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except DeskError as err:
        log.warning("command %s refused: %s", command, type(err).__name__)
        print(f"{error}: {err.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(say("Đã dừng theo yêu cầu.", "Stopped as asked."), file=sys.stderr)
        return 130
    except OSError as err:
        log.warning("command %s: file error %s", command, type(err).__name__)
        what = say("Lỗi đọc/ghi tệp", "File error")
        print(f"{what}: {err.strerror or err} ({err.filename or ''})", file=sys.stderr)
        return 1


def _quiet_closed_output() -> None:
    """Point stdout (and stderr, if its pipe is the one closed) at the null device, so the
    interpreter's last flush has nowhere to fail and prints no "Broken pipe"."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
