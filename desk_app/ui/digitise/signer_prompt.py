"""Which key signs the digitised copies: a USB token (PKCS#11: the vendor's driver, the
token's name, the PIN) or a .p12 file and its password, asked in a few short dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from desk_app.services.digitisation import Pkcs12Identity, TokenIdentity


class SignerPrompt(QObject):
    def ask(self, parent: QWidget) -> Pkcs12Identity | TokenIdentity | None:
        """The identity the officer chose; None when they cancelled on the way."""
        token, file = self.tr("USB token"), self.tr("Tệp chứng thư số (.p12)")
        choice, ok = QInputDialog.getItem(
            parent, self.tr("Ký số bản số hóa"), self.tr("Chữ ký số trên:"), [token, file], 0, False
        )
        if not ok:
            return None
        return self._token(parent) if choice == token else self._file(parent)

    def _token(self, parent: QWidget) -> TokenIdentity | None:
        module, _ = QFileDialog.getOpenFileName(
            parent,
            self.tr("Trình điều khiển USB token (PKCS#11)"),
            "",
            self.tr("Thư viện PKCS#11 (*.dll *.so *.dylib)"),
        )
        if not module:
            return None
        label, ok = QInputDialog.getText(parent, self.tr("USB token"), self.tr("Tên token:"))
        if not ok:
            return None
        pin, ok = QInputDialog.getText(
            parent, self.tr("USB token"), self.tr("Mã PIN:"), QLineEdit.EchoMode.Password
        )
        return TokenIdentity(Path(module), label.strip(), pin) if ok else None

    def _file(self, parent: QWidget) -> Pkcs12Identity | None:
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Chọn tệp chứng thư số"), "", self.tr("Chứng thư số (*.p12 *.pfx)")
        )
        if not path:
            return None
        password, ok = QInputDialog.getText(
            parent,
            self.tr("Mật khẩu chứng thư số"),
            self.tr("Mật khẩu:"),
            QLineEdit.EchoMode.Password,
        )
        return Pkcs12Identity(Path(path), password) if ok else None
