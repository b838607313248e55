"""The command's language: Vietnamese, or English with ``DESK_APP_LANG=en``
(``desk_app.platform.command_language``, shared with ``district-server``)."""

from desk_app.platform.command_language import (
    ARGPARSE_VI,
    ARGPARSE_VI_PLURAL,
    LANGUAGE_ENV,
    argparse_in_vietnamese,
    english,
    integer,
    number,
    say,
)

__all__ = [
    "ARGPARSE_VI",
    "ARGPARSE_VI_PLURAL",
    "LANGUAGE_ENV",
    "argparse_in_vietnamese",
    "english",
    "integer",
    "number",
    "say",
]
