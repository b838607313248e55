"""The rules' refusals in English, for the window in English (issue 26 item 8).

The rules speak Vietnamese (their messages are the desk's record and the command line's
words); the English window shows them through this table. Each entry is the Vietnamese
message with ``{name}`` where the rule puts a value, and its English; a value that is a
field's name is translated too. A message not in the table is shown as it is."""

from __future__ import annotations

import re

_MESSAGES = (
    ("Chưa nhập {label}.", "{label} is empty."),
    ("{label} có ký tự điều khiển không hợp lệ; hãy gõ lại.",
     "{label} holds control characters; type it again."),
    ("{label} quá dài ({n} ký tự); tối đa {max} ký tự.",
     "{label} is too long ({n} characters); at most {max}."),
    ("{label} phải có dạng ngày/tháng/năm, ví dụ 05/09/1990.",
     "{label} must be day/month/year, e.g. 05/09/1990."),
    ("{label} «{text}» không có trên lịch.", "{label} “{text}” is not on the calendar."),
    ("Chưa nhập số định danh cá nhân (12 chữ số).", "The personal ID number (12 digits) is empty."),
    ("Số định danh cá nhân chỉ gồm chữ số.", "A personal ID number has digits only."),
    ("Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84).",
     "A phone number has digits only (it may start with +84)."),
    ("Địa chỉ email không đúng dạng (ví dụ: ten@example.vn).",
     "The e-mail address is not valid (e.g. name@example.vn)."),
    ("Ngày cấp không thể sau hôm nay.", "The issue date cannot be after today."),
    ("Ngày hết hiệu lực phải sau ngày cấp.", "The expiry date must be after the issue date."),
    ("Chưa nhập ngày hẹn trả mới.", "The new appointment date is empty."),
    ("Giờ hẹn phải có dạng HH:MM, ví dụ 16:30.", "The time must be HH:MM, e.g. 16:30."),
    ("Ngày hẹn mới đã qua; hãy chọn một ngày sắp tới.",
     "The new date has passed; choose a coming day."),
    ("Ngày {day} không phải ngày làm việc; hãy chọn ngày khác.",
     "{day} is not a working day; choose another day."),
    ("Ghi giấy ủy quyền của người nhận thay.",
     "Write down the authorisation of the person collecting."),
    ("Mức hài lòng phải từ 1 đến 4.", "Satisfaction goes from 1 to 4."),
    ("Số bộ hồ sơ phải từ 1 đến {n}.", "The number of dossier sets goes from 1 to {n}."),
    ("Chọn hình thức nộp: trực tiếp hoặc qua bưu chính.",
     "Choose how it was submitted: in person or by post."),
    ("Chọn người nhận kết quả: người nộp hay người được ủy quyền.",
     "Choose who collects the result: the applicant or an authorised person."),
    ("Chọn cách trả kết quả: tại Bộ phận Một cửa hay qua bưu chính.",
     "Choose how the result is returned: at the desk or by post."),
)  # fmt: skip

_LABELS = {
    "họ và tên": "Full name",
    "địa chỉ": "Address",
    "ngày sinh": "Date of birth",
    "ghi chú": "Note",
    "lý do": "Reason",
    "giấy ủy quyền": "Authorisation paper",
    "ngày hẹn trả mới": "New appointment date",
    "nơi nhận xử lý": "Handed over to",
    "người nhận": "Received by",
    "nơi trả kết quả": "Returned from",
    "nội dung cần bổ sung": "What must be supplemented",
    "lý do từ chối": "Reason for refusal",
    "lý do chậm trả kết quả": "Reason for the delay",
    "họ tên người nhận": "Name of the person collecting",
    "ý kiến của công dân": "The citizen's comment",
    "tên thành phần hồ sơ": "Component name",
    "ngày cấp": "Issue date",
    "hiệu lực đến": "Valid until",
    "số điện thoại": "Phone number",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.DOTALL)


# the fixed messages first: "Chưa nhập số định danh …" is not "Chưa nhập {label}."
_COMPILED = tuple(
    (_pattern(vi), en) for vi, en in sorted(_MESSAGES, key=lambda pair: pair[0].count("{"))
)


def english(message: str) -> str:
    """``message`` in English when the table has it, else as it is."""
    for pattern, english_text in _COMPILED:
        found = pattern.match(message)
        if found is not None:
            values = {
                name: _LABELS.get(value.lower(), value) for name, value in found.groupdict().items()
            }
            text = english_text.format(**values)
            return text[:1].upper() + text[1:]
    return message
