"""``district-server``: serve, enrol a desk (one-time code), revoke a desk, import a USB pack,
publish to the desks.

district-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080]
                      [--database-url postgresql://…] [--workers N]
                      [--blobs s3://bucket/prefix [--s3-endpoint http://…]]
                      [--enrol-attempts 5]   # per address per 5 minutes
                      [--tls-cert FILE --tls-key FILE]
                      [--role hub --upstream URL [--upstream-code CODE]]   # a commune's hub
district-server enrol-hub --data-dir DIR --commune CODE             # code on last line
district-server hub-status --data-dir DIR                           # at a hub
district-server enrol-desk --data-dir DIR --commune CODE --desk N   # code on last line
district-server revoke-desk --data-dir DIR DESK_ID --reason "…"
district-server admin-token --data-dir DIR                          # token on last line
district-server import-pack --data-dir DIR PACK [--ack FILE]
district-server publish-catalogue --data-dir DIR FILE.json          # comes into force
district-server publish-day --data-dir DIR --day 2026-09-01 --kind off|work [--note …]
district-server publish-officer --data-dir DIR --commune CODE --username U --full-name "…"
                                [--role reception|leader|admin]
district-server revoke-officer --data-dir DIR --commune CODE --username U --reason "…"
district-server publish-trust --data-dir DIR CSCA.pem… [--version V]  # replaces the list

Messages in Vietnamese, or English with ``DESK_APP_LANG=en`` (argparse's own included); a
refusal goes to stderr with exit code 2; a reader that closes the output early
(``… | head -1``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys

from desk_app.platform.command_language import say
from desk_app.platform.console import utf8_output
from district_server.cli.common import Refused
from district_server.cli.parser import parse

EXIT_REFUSED = 2
EXIT_CLOSED_PIPE = 141  # as a Unix tool stopped by SIGPIPE (128 + 13)

# The libraries of each extra, for a clear word when one is missing.
_EXTRA_OF = {"boto3": "s3", "botocore": "s3"}


def main(argv: list[str] | None = None) -> int:
    utf8_output()  # a Windows pipe's code page has no Vietnamese letters
    try:
        args = parse(argv)  # --help prints here
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        _quiet_closed_output()
        return EXIT_CLOSED_PIPE
    except Refused as err:
        print(f"{say('Lỗi', 'Error')}: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except ModuleNotFoundError as err:
        return _missing_library(err)


def _missing_library(err: ModuleNotFoundError) -> int:
    name = (err.name or "?").split(".")[0]
    extra = _EXTRA_OF.get(name, "server")
    what = say("kho S3", "S3 storage") if extra == "s3" else say("máy chủ", "server")
    print(
        say(
            f"Lỗi: máy này chưa cài phần {what} (thiếu thư viện {name}). Hãy cài: "
            f"pip install 'desk-app[{extra}]' rồi chạy lại lệnh.",
            f"Error: the {what} part is not installed on this machine (library {name} is "
            f"missing). Install it: pip install 'desk-app[{extra}]', then run the command again.",
        ),
        file=sys.stderr,
    )
    return EXIT_REFUSED


def _quiet_closed_output() -> None:
    """Point stdout at /dev/null, so the interpreter's own flush at exit finds no closed pipe
    (and prints no "Exception ignored … BrokenPipeError")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
