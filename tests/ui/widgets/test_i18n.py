"""Languages: every string of the window goes through tr(), the Linguist files hold them
all translated with the same placeholders, and the window built in English (or in the
pseudo-locale) shows no Vietnamese word of its own."""

from __future__ import annotations

import ast
import enum
import importlib
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTableWidget,
    QWidget,
)

from desk_app.domain.reporting import PROGRESS_COLUMNS
from desk_app.services.desk import Desk
from desk_app.ui.shell.main_window import SETTINGS, MainWindow
from desk_app.ui.signin.login_dialog import LoginDialog
from desk_app.ui.widgets import labels
from desk_app.ui.widgets.i18n import (
    LANGUAGE_KEY,
    compiled,
    install_language,
    pseudo,
    translations_dir,
)
from desk_app.ui.widgets.task_runner import TaskRunner
from tests.conftest import FakeClock
from tests.ui.conftest import isolated_settings

ROOT = Path(__file__).resolve().parents[3]
UI = ROOT / "desk_app" / "ui"
# Letters only Vietnamese writes (and none of the English or pseudo-locale text does).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u0323]")


def _vietnamese(text: str) -> bool:
    return bool(VIETNAMESE.search(unicodedata.normalize("NFD", text)))


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))  # type: ignore[misc]
        for ctx in tree.iter("context")
        for msg in ctx.iter("message")
    ]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The committed Linguist files, brought up to date with the code by
    ``scripts/translations``: a string added to the code without its translation shows
    here as unfinished."""
    out = tmp_path_factory.mktemp("ts")
    files = {}
    for lang in ("vi", "en"):
        files[lang] = out / f"desk_app_{lang}.ts"
        shutil.copy(translations_dir() / files[lang].name, files[lang])
    subprocess.run(["bash", "scripts/translations"], cwd=ROOT, env=os.environ | {"TS_DIR": str(out)},
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    return files


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_string_of_the_code_is_translated(refreshed: dict[str, Path], lang: str) -> None:
    messages = _messages(refreshed[lang])
    assert len(messages) > 400
    unfinished = [
        (ctx, src) for ctx, src, tr in messages if tr.get("type") or not (tr.text or "").strip()
    ]
    assert unfinished == [], "run scripts/translations and translate these in Qt Linguist"
    committed = _messages(translations_dir() / refreshed[lang].name)
    assert len(committed) == len(messages), "run scripts/translations: the files lag the code"


_PLACEHOLDER = re.compile(r"\{[^}]*\}|%\d|%n")


def _shape(text: str) -> tuple[list[str], int, bool, bool, int]:
    """What a translation must keep: placeholders, one mnemonic, edge spaces, new lines."""
    mnemonics = len(re.findall(r"&[^&\s]", text.replace("&&", "")))
    return (
        sorted(_PLACEHOLDER.findall(text)),
        mnemonics,
        text[:1].isspace(),
        text[-1:].isspace(),
        text.count("\n"),
    )


def test_translations_keep_placeholders_mnemonics_and_edges() -> None:
    wrong = [
        (src, tr.text)
        for _ctx, src, tr in _messages(translations_dir() / "desk_app_en.ts")
        if _shape(src) != _shape(tr.text or "")
    ]
    assert wrong == []


def test_english_has_no_vietnamese_and_vietnamese_is_the_source() -> None:
    en = _messages(translations_dir() / "desk_app_en.ts")
    assert [src for _c, src, tr in en if _vietnamese(tr.text or "")] == []
    vi = _messages(translations_dir() / "desk_app_vi.ts")
    assert all(tr.text == src for _c, src, tr in vi)


def test_shape_check_catches_a_lost_placeholder() -> None:
    assert _shape("Đã lưu hồ sơ {code}.") != _shape("Dossier saved.")
    assert _shape("&Lưu") != _shape("Save")


def _literals_outside_tr(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not _vietnamese(node.value):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):  # a docstring
            continue
        if isinstance(parent, ast.Call):
            name = getattr(parent.func, "attr", None) or getattr(parent.func, "id", None)
            if name in {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}:
                continue
        found.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    return found


def test_no_vietnamese_words_in_the_window_code_outside_tr() -> None:
    # i18n.py names each language in itself ("Tiếng Việt") and holds the pseudo-accents.
    code = [path for path in sorted(UI.rglob("*.py")) if path.name != "i18n.py"]
    found = [hit for path in code for hit in _literals_outside_tr(path)]
    assert found == []


def test_the_scan_finds_a_literal_outside_tr(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('x = QLabel("Đã lưu")\ny = self.tr("Đã lưu")\n', encoding="utf-8")
    assert _literals_outside_tr(sample) == ["sample.py:1: Đã lưu"]


def test_labels_hold_every_label_the_window_shows() -> None:
    modules = ["desk_app.domain.documents", "desk_app.domain.dossier", "desk_app.domain.lifecycle",
               "desk_app.domain.officers", "desk_app.domain.catalogue", "desk_app.services.today",
               "desk_app.capture.page"]  # fmt: skip
    shown = {
        member.label
        for name in modules
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, type) and issubclass(value, enum.Enum)
        and isinstance(getattr(value, "label", None), property)
        for member in value
    }  # fmt: skip
    headings = {text for group, title, _ in PROGRESS_COLUMNS for text in (group, title) if text}
    assert (shown | headings) - set(labels.SOURCES) == set()


def test_pseudo_keeps_what_code_and_qt_read() -> None:
    text = pseudo("&Lưu {n} trang (*.pdf)\nrồi in %1")
    assert text.startswith("⟦") and text.endswith("⟧")
    for kept in ("&L", "{n}", "(*.pdf)", "\n", "%1"):
        assert kept in text
    assert len(text) > len("&Lưu {n} trang (*.pdf)\nrồi in %1") * 1.2


def test_the_compiled_file_translates_a_base_class_string_in_a_subclass(
    qapp, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(translations_dir() / "desk_app_en.ts", tmp_path)
    qm = compiled("en", tmp_path)
    assert qm is not None and qm.stat().st_size > 10_000
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        runner = TaskRunner()
        login = LoginDialog(lambda u, p: None, runner)  # type: ignore[arg-type, return-value]
        qtbot.addWidget(login)
        cancel = login.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "Quit"  # _Form writes it; PySide asks under LoginDialog first
        assert login.windowTitle() == "Sign in — One-stop desk"
        assert QCoreApplication.translate("labels", "Đã trả kết quả") == "Result returned"
        assert QCoreApplication.translate("NoSuchContext", "Thoát") == "Thoát"  # not blank
        runner.shutdown()
    finally:
        QCoreApplication.removeTranslator(translator)


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every string a widget shows of its own (not the data in lists and tables)."""
    yield "title", root.windowTitle()
    for w in root.findChildren(QWidget):
        where = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QLineEdit):
            yield where, w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QListWidget) and w.objectName() not in _DATA_LISTS:
            for i in range(w.count()):
                yield where, w.item(i).text()
        elif isinstance(w, QComboBox) and w.objectName() not in _DATA_COMBOS:
            for i in range(w.count()):
                yield where, w.itemText(i)
        elif isinstance(w, QTableView | QTableWidget) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield where, str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        yield where + ".tip", w.toolTip()


# The catalogue's procedure names are data, in Vietnamese whatever the window's language.
# Each language is named in itself ("Tiếng Việt") whatever the window's language.
_DATA_COMBOS = {"list.procedure", "settings.language"}
_DATA_LISTS = {"procedure.list"}


def _window_texts(qtbot, desk: Desk, clock: FakeClock) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    settings = replace(desk.settings.load(), parent_unit="Commune A")
    window = MainWindow(desk, settings, "Officer A", clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            qtbot.wait(50)
        officer = desk.session.officer.full_name  # data, as the officer's name was typed
        return [(w, t.replace(officer, "")) for w, t in _texts(window)]
    finally:
        window.runner.shutdown()
        window.close()


@pytest.mark.parametrize("language", ["en", "pseudo"])
def test_the_window_shows_no_vietnamese_of_its_own(
    qtbot, desk: Desk, clock: FakeClock, tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    isolated_settings(tmp_path)
    source = _window_texts(qtbot, desk, clock)  # Vietnamese, the source language
    before = set(QCoreApplication.instance().findChildren(QTranslator))  # type: ignore[union-attr]
    assert install_language(language) == language
    try:
        texts = _window_texts(qtbot, desk, clock)
    finally:
        install_language("vi")  # the rules' messages back in Vietnamese for the next tests
        for t in set(QCoreApplication.instance().findChildren(QTranslator)) - before:  # type: ignore[union-attr]
            QCoreApplication.removeTranslator(t)
    # Nothing went blank: each widget shows a text where the Vietnamese window shows one.
    blank = [
        (w, s) for (w, s), (_, t) in zip(source, texts, strict=True) if s.strip() and not t.strip()
    ]
    assert not blank, blank
    shown = [(w, t) for w, t in texts if t.strip()]
    assert len(shown) > 100
    if language == "en":
        left = [(w, t) for w, t in shown if _vietnamese(t)]
    else:
        left = [(w, t) for w, t in shown if "⟦" not in t and _vietnamese(t)]
    assert not left, "\n".join(f"{w}: {t!r}" for w, t in left)


def test_the_language_changes_in_settings_without_a_restart(
    qtbot, desk: Desk, clock: FakeClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Cài đặt → English: the open window (navigation, title, status bar, every page) is
    in English at once, the dossier being typed is still there; then back to Vietnamese."""
    isolated_settings(tmp_path)
    before = set(QCoreApplication.instance().findChildren(QTranslator))  # type: ignore[union-attr]
    settings = replace(desk.settings.load(), parent_unit="Commune A")
    window = MainWindow(desk, settings, "Officer A", clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    officer = desk.session.officer.full_name
    try:
        window.intake.result_location.setText("Trả tại nhà")  # typed, not yet saved
        window.nav.setCurrentRow(SETTINGS)
        combo = window.settings_page.language
        combo.setCurrentIndex(combo.findData("en"))
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Intake  (Ctrl+N)", timeout=5_000)
        assert str(QSettings().value(LANGUAGE_KEY)) == "en"  # kept for the next start too
        assert window.pages.currentIndex() == SETTINGS and window.nav.currentRow() == SETTINGS
        assert window.windowTitle().startswith("One-stop desk — Commune A")
        assert window.intake.result_location.text() == "Trả tại nhà"
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            qtbot.wait(50)
        shown = [(w, t.replace(officer, "")) for w, t in _texts(window)]
        left = [(w, t) for w, t in shown if t.strip() and _vietnamese(t)]
        assert not left, "\n".join(f"{w}: {t!r}" for w, t in left)
        assert len([t for _, t in shown if t.strip()]) > 100

        window.nav.setCurrentRow(SETTINGS)
        combo = window.settings_page.language  # the page was rebuilt in English
        combo.setCurrentIndex(combo.findData("vi"))
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Tiếp nhận  (Ctrl+N)", timeout=5_000)
        assert window.windowTitle().startswith("Một cửa — Commune A")
        titles = [box.title() for box in window.settings_page.findChildren(QGroupBox)]
        assert "Hiển thị trên máy này" in titles
        assert window.intake.result_location.text() == "Trả tại nhà"
    finally:
        window.runner.shutdown()
        window.close()
        for t in set(QCoreApplication.instance().findChildren(QTranslator)) - before:  # type: ignore[union-attr]
            QCoreApplication.removeTranslator(t)


def test_qt_own_dialogs_and_buttons_speak_vietnamese(qapp, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 26, 8: Qt ships no Vietnamese; the desk's qtbase_vi.ts is installed with the
    Vietnamese window (message-box buttons, the file dialog, edit menus), not with English."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

    before = set(QCoreApplication.instance().findChildren(QTranslator))  # type: ignore[union-attr]
    try:
        assert install_language("vi") == "vi"
        box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Xóa?")
        box.setStandardButtons(
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        texts = [box.button(b).text() for b in (box.StandardButton.Yes, box.StandardButton.No,
                                                box.StandardButton.Cancel)]  # fmt: skip
        assert texts == ["&Có", "&Không", "Hủy"]
        files = QFileDialog(None, "Chọn tệp")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(files)
        labels = {w.text() for w in files.findChildren(QLabel)}
        assert {"&Tìm trong:", "&Tên tệp:", "&Kiểu tệp:"} <= labels
        assert QCoreApplication.translate("QLineEdit", "&Paste") == "&Dán"
        assert install_language("en") == "en"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        install_language("vi")  # the rules' messages back in Vietnamese for the next tests
        for t in set(QCoreApplication.instance().findChildren(QTranslator)) - before:  # type: ignore[union-attr]
            QCoreApplication.removeTranslator(t)
