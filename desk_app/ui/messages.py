"""What the officer reads when something goes wrong: words, never a traceback."""

from __future__ import annotations

import logging

from desk_app.domain.errors import DeskError

log = logging.getLogger(__name__)


def describe_error(err: BaseException, action: str) -> str:
    """A Vietnamese sentence for ``err`` that happened while doing ``action``."""
    if isinstance(err, DeskError):
        return err.message
    if isinstance(err, OSError) or type(err).__name__ in {"OperationalError", "DatabaseError"}:
        log.error("%s failed: %s", action, type(err).__name__)
        return (
            f"Không {action} được do lỗi ổ đĩa hoặc cơ sở dữ liệu ({type(err).__name__}). "
            "Không có gì được lưu dở dang. Hãy kiểm tra ổ đĩa còn trống rồi thử lại; nếu vẫn lỗi, "
            "báo quản trị."
        )
    log.exception("%s failed unexpectedly", action, exc_info=err)
    return f"Không {action} được do lỗi không mong đợi ({type(err).__name__}). Hãy báo quản trị."
