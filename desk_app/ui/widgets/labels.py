"""The rules' own words (statuses, actions, roles, paper kinds) as the officer reads them.

The domain names each value in Vietnamese and knows nothing of languages; the window shows
``label(value)``, which looks the words up in the "labels" context of the translation.
``SOURCES`` lists them, and the report form's column headings, for Qt Linguist (lupdate cannot see into the domain); a test checks
that it holds every label of every enum the window shows."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


class Labelled(Protocol):
    @property
    def label(self) -> str: ...


def label(value: Labelled) -> str:
    """``value.label`` in the language of the window."""
    return words(value.label)


def words(text: str) -> str:
    """Words of the rules (a label, a report form's heading) in the language of the window."""
    return QCoreApplication.translate("labels", text)


SOURCES = (
    QT_TRANSLATE_NOOP("labels", "Căn cước / CCCD"),
    QT_TRANSLATE_NOOP("labels", "Giấy khai sinh"),
    QT_TRANSLATE_NOOP("labels", "Giấy chứng nhận kết hôn"),
    QT_TRANSLATE_NOOP("labels", "Giấy tờ về cư trú"),
    QT_TRANSLATE_NOOP("labels", "Giấy chứng nhận quyền sử dụng đất"),
    QT_TRANSLATE_NOOP("labels", "Giấy ủy quyền"),
    QT_TRANSLATE_NOOP("labels", "Kết quả giải quyết thủ tục"),
    QT_TRANSLATE_NOOP("labels", "Giấy tờ khác"),
    QT_TRANSLATE_NOOP("labels", "Nộp trực tuyến"),
    QT_TRANSLATE_NOOP("labels", "Đã tiếp nhận"),
    QT_TRANSLATE_NOOP("labels", "Từ chối tiếp nhận"),
    QT_TRANSLATE_NOOP("labels", "Đang giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Chờ bổ sung"),
    QT_TRANSLATE_NOOP("labels", "Chờ nộp phí"),
    QT_TRANSLATE_NOOP("labels", "Công dân rút hồ sơ"),
    QT_TRANSLATE_NOOP("labels", "Dừng giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Có kết quả, chờ trả"),
    QT_TRANSLATE_NOOP("labels", "Đã trả kết quả"),
    QT_TRANSLATE_NOOP("labels", "Trực tiếp"),
    QT_TRANSLATE_NOOP("labels", "Trực tuyến"),
    QT_TRANSLATE_NOOP("labels", "Qua bưu chính"),
    QT_TRANSLATE_NOOP("labels", "Chuyển xử lý"),
    QT_TRANSLATE_NOOP("labels", "Yêu cầu bổ sung hồ sơ"),
    QT_TRANSLATE_NOOP("labels", "Nhận hồ sơ bổ sung"),
    QT_TRANSLATE_NOOP("labels", "Từ chối tiếp nhận, giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Xin lỗi và hẹn lại"),
    QT_TRANSLATE_NOOP("labels", "Dừng giải quyết theo đề nghị"),
    QT_TRANSLATE_NOOP("labels", "Nhận kết quả về Bộ phận Một cửa"),
    QT_TRANSLATE_NOOP("labels", "Trả kết quả"),
    QT_TRANSLATE_NOOP("labels", "Gia hạn theo quy định"),
    QT_TRANSLATE_NOOP("labels", "Yêu cầu nộp phí, lệ phí"),
    QT_TRANSLATE_NOOP("labels", "Công dân đã nộp phí, lệ phí"),
    QT_TRANSLATE_NOOP("labels", "Cần xác minh (hộ tịch)"),
    QT_TRANSLATE_NOOP("labels", "Nhiều giấy tờ, nhiều trang hoặc nhiều bản sao (chứng thực)"),
    QT_TRANSLATE_NOOP("labels", "Thỏa thuận bằng văn bản với người yêu cầu"),
    QT_TRANSLATE_NOOP("labels", "tạm dừng"),
    QT_TRANSLATE_NOOP("labels", "tính lại từ đầu"),
    QT_TRANSLATE_NOOP("labels", "Số định danh cá nhân"),
    QT_TRANSLATE_NOOP("labels", "Mã số thuế/mã số doanh nghiệp"),
    QT_TRANSLATE_NOOP("labels", "Số hộ chiếu"),
    QT_TRANSLATE_NOOP("labels", "Lịch nghỉ lễ theo quy định (gói holidays)"),
    QT_TRANSLATE_NOOP("labels", "Quầy này đặt"),
    QT_TRANSLATE_NOOP("labels", "Quầy khác của xã đặt"),
    QT_TRANSLATE_NOOP("labels", "Cấp trên công bố"),
    QT_TRANSLATE_NOOP("labels", "Trước hạn"),
    QT_TRANSLATE_NOOP("labels", "Đúng hạn"),
    QT_TRANSLATE_NOOP("labels", "Quá hạn"),
    QT_TRANSLATE_NOOP("labels", "Rất hài lòng"),
    QT_TRANSLATE_NOOP("labels", "Hài lòng"),
    QT_TRANSLATE_NOOP("labels", "Chấp nhận được"),
    QT_TRANSLATE_NOOP("labels", "Không hài lòng"),
    QT_TRANSLATE_NOOP("labels", "Tại Bộ phận Một cửa"),
    QT_TRANSLATE_NOOP("labels", "Qua dịch vụ bưu chính"),
    QT_TRANSLATE_NOOP("labels", "Cán bộ tiếp nhận"),
    QT_TRANSLATE_NOOP("labels", "Lãnh đạo UBND xã"),
    QT_TRANSLATE_NOOP("labels", "Quản trị"),
    QT_TRANSLATE_NOOP("labels", "Bản chính"),
    QT_TRANSLATE_NOOP("labels", "Bản sao"),
    QT_TRANSLATE_NOOP("labels", "Bản sao chứng thực"),
    QT_TRANSLATE_NOOP("labels", "Bản chính hoặc bản sao chứng thực"),
    QT_TRANSLATE_NOOP("labels", "Đến hạn trả hôm nay"),
    QT_TRANSLATE_NOOP("labels", "Đến hạn ngày làm việc tiếp theo"),
    QT_TRANSLATE_NOOP("labels", "Sắp trễ hoặc đã trễ: cần xin lỗi, hẹn lại"),
    QT_TRANSLATE_NOOP("labels", "Chờ công dân bổ sung"),
    QT_TRANSLATE_NOOP("labels", "Đen trắng (văn bản)"),
    QT_TRANSLATE_NOOP("labels", "Xám"),
    QT_TRANSLATE_NOOP("labels", "Màu (có dấu đỏ, ảnh)"),
    # The headings of the report form's columns (domain.reporting.PROGRESS_COLUMNS)
    QT_TRANSLATE_NOOP("labels", "Kỳ trước chuyển qua"),
    QT_TRANSLATE_NOOP("labels", "Tiếp nhận trong kỳ"),
    QT_TRANSLATE_NOOP("labels", "Tổng số phải giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Đã giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Trong hạn"),
    QT_TRANSLATE_NOOP("labels", "Tạm dừng (chờ bổ sung)"),
    QT_TRANSLATE_NOOP("labels", "Không giải quyết"),
    QT_TRANSLATE_NOOP("labels", "Từ chối"),
    QT_TRANSLATE_NOOP("labels", "Rút hồ sơ"),
)
