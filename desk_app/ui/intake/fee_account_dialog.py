"""Tài khoản nhận phí (from the cash book): the commune's bank account for VietQR and the
receipt's symbols. Only an administrator may save it (the service says so otherwise)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from desk_app.services.fee_types import FeeSettings
from desk_app.services.fees import FeeService
from desk_app.ui.widgets.form_dialog import FormDialog
from desk_app.ui.widgets.task_runner import TaskRunner


class FeeAccountDialog(FormDialog):
    def __init__(
        self, fees: FeeService, current: FeeSettings, runner: TaskRunner, parent: QWidget
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("fee_account")
        self.setWindowTitle(self.tr("Tài khoản nhận phí, lệ phí"))
        self.heading.setText(
            self.tr("Tài khoản của xã in trong mã VietQR; ký hiệu in trên biên lai.")
        )
        self._fees = fees
        self._current = current
        self.fields: dict[str, QLineEdit] = {}
        for name, caption in (
            ("bank_bin", self.tr("Mã &BIN ngân hàng (6 số)")),
            ("bank_account", self.tr("&Số tài khoản")),
            ("bank_account_name", self.tr("&Tên chủ tài khoản")),
            ("bank_name", self.tr("Tên &ngân hàng")),
            ("tax_code", self.tr("&Mã số thuế đơn vị thu")),
            ("form_symbol", self.tr("&Ký hiệu mẫu biên lai")),
            ("series_prefix", self.tr("Chữ đầu ký &hiệu biên lai")),
        ):
            field = QLineEdit(str(getattr(current, name)), objectName=f"fee_account.{name}")
            self.fields[name] = field
            self.form.addRow(caption, field)

    def submit(self) -> None:
        values = {name: field.text() for name, field in self.fields.items()}
        new = replace(self._current, **values)
        self._attempt(lambda: self._fees.save_fee_settings(new), lambda _r: self.accept())
