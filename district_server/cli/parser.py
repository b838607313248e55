"""The ``district-server`` parser: one sub-command per action, each registered by its group's
module (serve, desks, packs, publish), in the command's language."""

from __future__ import annotations

import argparse

from desk_app.platform.command_language import argparse_in_vietnamese, say
from district_server.cli import desks, packs, publish, serve


def parser() -> argparse.ArgumentParser:
    with argparse_in_vietnamese():  # the help option's own words
        top = argparse.ArgumentParser(
            prog="district-server",
            description=say(
                "Máy chủ Một cửa cấp trên (huyện/tỉnh).",
                "The upper-level one-stop server (district/province).",
            ),
        )
        sub = top.add_subparsers(
            dest="command",
            required=True,
            title=say("lệnh", "commands"),
            metavar=say("LỆNH", "COMMAND"),
        )
        serve.add(sub)
        desks.add(sub)
        packs.add(sub)
        publish.add(sub)
    return top


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, or argparse's exit 2 with its message in the command's language."""
    with argparse_in_vietnamese():
        return parser().parse_args(argv)
