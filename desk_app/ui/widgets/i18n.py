"""The window's language: Vietnamese (the source language, the default), English, or a
pseudo-locale that lengthens and brackets every translated string to check layouts.

Translations are Qt Linguist files, ``resources/translations/desk_app_<lang>.ts``, updated
from the code by ``bash scripts/translations`` and compiled to ``.qm`` by the build
(``installer/build.sh``). Run from a checkout, a missing or older ``.qm`` is compiled at
start with the ``lrelease`` that PySide6 ships.

The choice is per PC (QSettings ``ui/language``), overridden by ``DESK_APP_LANG`` at start.
Chosen in Cài đặt it takes effect at once: ``install_language`` replaces the translator in
force, Qt sends every widget a ``LanguageChange`` and the main window rebuilds its texts.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from desk_app.domain.error_words import english
from desk_app.resources import resource

log = logging.getLogger(__name__)

LANGUAGE_ENV = "DESK_APP_LANG"
LANGUAGE_KEY = "ui/language"
SOURCE_LANGUAGE = "vi"
# Code → name as the officer reads it (each in its own language).
LANGUAGES = {"vi": "Tiếng Việt", "en": "English", "pseudo": "Pseudo-locale"}


def translations_dir() -> Path:
    return resource("translations")


def chosen_language() -> str:
    """``DESK_APP_LANG``, else this PC's choice, else Vietnamese; an unknown code is ignored."""
    wanted = os.environ.get(LANGUAGE_ENV) or str(QSettings().value(LANGUAGE_KEY, SOURCE_LANGUAGE))
    if wanted not in LANGUAGES:
        log.warning("unknown language %r: Vietnamese instead", wanted)
        return SOURCE_LANGUAGE
    return wanted


def choose_language(language: str) -> None:
    """Remember ``language`` for the next start on this PC."""
    if language not in LANGUAGES:
        raise ValueError(language)
    QSettings().setValue(LANGUAGE_KEY, language)


def lrelease() -> Path:
    """The Qt Linguist compiler that ships inside PySide6."""
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(PySide6.__file__).parent / name


def compiled(language: str, directory: Path | None = None, name: str = "desk_app") -> Path | None:
    """The ``.qm`` of ``language``, compiled from its ``.ts`` when that is newer; None when
    there is neither (a bundle ships only the ``.qm``). ``name``: ``desk_app`` (the
    window's words) or ``qtbase`` (Qt's own, for its dialogs and buttons)."""
    directory = directory or translations_dir()
    ts, qm = directory / f"{name}_{language}.ts", directory / f"{name}_{language}.qm"
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        try:
            subprocess.run(
                [str(lrelease()), "-silent", str(ts), "-qm", str(qm)],
                check=True,
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError) as err:
            log.warning("could not compile %s: %s", ts.name, err)
    return qm if qm.exists() else None


_KEEP = re.compile(r"(\{[^}]*\}|%\d|%n|<[^>]*>|&&|&\w|\n|\(\*[^)]*\))")
_ACCENTED = str.maketrans(
    "aceinorsuyzACEINORSUYZ", "åçëîñöŕšüýžÅÇËÎÑÖŔŠÜÝŽ"
)  # fmt: skip


def pseudo(text: str) -> str:
    """``text`` bracketed, accented and a third longer, its placeholders, mnemonics, tags
    and file patterns kept: a string that shows unbracketed was not translated; one cut
    off shows a layout too tight for a longer language."""
    if not text.strip():
        return text
    parts = _KEEP.split(text)
    out = [p if i % 2 else p.translate(_ACCENTED) for i, p in enumerate(parts)]
    visible = len(_KEEP.sub("", text))
    return "⟦" + "".join(out) + "·" * max(1, visible // 3) + "⟧"


class PseudoTranslator(QTranslator):
    """Every string through ``pseudo``. (PySide's ``tr()`` asks each class of the object's
    MRO in turn, which is how a base class's words are found under a subclass.)"""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if source == "QT_LAYOUT_DIRECTION":  # Qt asks which way text runs
            return "LTR"
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


_installed: list[QTranslator] = []  # the translator this module put in force, if any
_in_force = [SOURCE_LANGUAGE]  # the language install_language last put in force


def language_in_force() -> str:
    return _in_force[-1]


def in_window_language(message: str) -> str:
    """A rule's message (Vietnamese) as the window shows it: English in the English window
    where ``desk_app.domain.error_words`` has it, else as it is."""
    return english(message) if language_in_force() == "en" else message


def install_language(language: str | None = None) -> str:
    """Install the translator of ``language`` (default: the chosen one) on the running
    application, in place of the one installed before; returns the language in effect."""
    app = QCoreApplication.instance()
    assert app is not None, "create the application first"
    language = language or chosen_language()
    _in_force[:] = [SOURCE_LANGUAGE]
    while _installed:  # a change of language, not a second layer over the first
        old = _installed.pop()
        app.removeTranslator(old)
        old.deleteLater()
    translator: QTranslator
    if language == "pseudo":
        translator = PseudoTranslator(app)
    else:
        # A plain QTranslator: a miss must come back as a null string (the source is used);
        # a Python override can only answer "", which Qt would show as a blank.
        translator = QTranslator(app)
        qm = compiled(language)
        if qm is None or not translator.load(str(qm)):
            if language != SOURCE_LANGUAGE:
                log.warning("no translation for %s: the window stays in Vietnamese", language)
            return SOURCE_LANGUAGE
    app.installTranslator(translator)
    _installed.append(translator)
    # Qt's own words (message-box buttons, the file and print dialogs, edit menus): Qt
    # ships no Vietnamese, so the desk carries its own qtbase_vi.ts; English is Qt's source.
    qt_words = compiled(language, name="qtbase")
    if qt_words is not None:
        qt_translator = QTranslator(app)
        if qt_translator.load(str(qt_words)):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
    _in_force[:] = [language]
    return language
