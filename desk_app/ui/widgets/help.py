"""F1: a short Vietnamese guide for what is in front of the officer.

The window asks for its current page's topic, a dialog installs its own; the guide is
``resources/help/<topic>.md``, shown as rich text in a window beside the work (Esc
closes it). The longer user guide is ``docs/user-guide.md``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desk_app.resources import resource
from desk_app.ui.widgets.fit import resize_to_fit

TOPICS = (
    "intake",
    "dossiers",
    "today",
    "reports",
    "sync",
    "officers",
    "settings",
    "dossier",
    "digitise",
    "fees",
)


def guide_text(topic: str) -> str:
    path = resource("help", f"{topic}.md")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        missing = QCoreApplication.translate("HelpDialog", "Chưa có hướng dẫn: thiếu tệp {name}.")
        return f"# {topic}\n\n" + missing.format(name=path.name)


class HelpDialog(QDialog):
    def __init__(self, topic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic = topic
        self.setObjectName("help")
        self.browser = QTextBrowser(objectName="help.text", openExternalLinks=False)
        text = guide_text(topic)
        self.browser.setMarkdown(text)
        heading = text.splitlines()[0].lstrip("# ").strip() if text else topic
        self.setWindowTitle(self.tr("Hướng dẫn — {title}").format(title=heading))
        QVBoxLayout(self).addWidget(self.browser)
        resize_to_fit(self, 560, 520)


def show_help(topic: str, parent: QWidget | None) -> HelpDialog:
    """The guide of ``topic`` beside the work (not modal: the officer reads and works)."""
    dialog = HelpDialog(topic, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog


def install_help(widget: QWidget, topic: str) -> QShortcut:
    """F1 in ``widget`` (a dialog) opens the guide of ``topic``."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), widget)
    shortcut.activated.connect(lambda: show_help(topic, widget))
    return shortcut
