"""What the officer reads when something goes wrong: words, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from desk_app.domain.errors import DeskError
from desk_app.ui.widgets.i18n import in_window_language

log = logging.getLogger(__name__)


def describe_error(err: BaseException, action: str) -> str:
    """A sentence in the window's language for ``err`` that happened while doing ``action``."""
    if isinstance(err, DeskError):
        return in_window_language(err.message)
    if isinstance(err, OSError) or type(err).__name__ in {"OperationalError", "DatabaseError"}:
        log.error("%s failed: %s", action, type(err).__name__)
        return QCoreApplication.translate(
            "messages",
            "Không {action} được do lỗi ổ đĩa hoặc cơ sở dữ liệu ({error}). Không có gì được "
            "lưu dở dang. Hãy kiểm tra ổ đĩa còn trống rồi thử lại; nếu vẫn lỗi, báo quản trị.",
        ).format(action=action, error=type(err).__name__)
    log.exception("%s failed unexpectedly", action, exc_info=err)
    return QCoreApplication.translate(
        "messages", "Không {action} được do lỗi không mong đợi ({error}). Hãy báo quản trị."
    ).format(action=action, error=type(err).__name__)
