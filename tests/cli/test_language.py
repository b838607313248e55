"""``desk-app`` speaks Vietnamese, argparse's own words included, and English with
``DESK_APP_LANG=en``. In-process: the same ``main`` as the real command."""

from __future__ import annotations

import argparse
import inspect

import pytest

from desk_app.cli import main
from desk_app.cli.language import ARGPARSE_VI, ARGPARSE_VI_PLURAL


def _refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "vietnamese", "english"),
    [
        (["due"], "thiếu các tham số bắt buộc: --procedure, --received",
         "the following arguments are required: --procedure, --received"),
        (["lam-gi-do"], "tham số LỆNH: lựa chọn không hợp lệ: 'lam-gi-do' (chọn một trong: 'gui'",
         "argument COMMAND: invalid choice: 'lam-gi-do' (choose from 'gui'"),
        (["search", "--limit", "nhiều"], "tham số --limit: giá trị số nguyên không hợp lệ: 'nhiều'",
         "argument --limit: invalid whole number value: 'nhiều'"),
        (["receipt", "--out", "x.pdf"], "thiếu các tham số bắt buộc: MÃ_HỒ_SƠ",
         "the following arguments are required: CODE"),
        (["search", "--data-dir"], "tham số --data-dir: cần một giá trị",
         "argument --data-dir: expected one argument"),
        (["search", "--bogus"], "không hiểu các tham số: --bogus",
         "unrecognized arguments: --bogus"),
        (["digitise", "X", "a.png", "--component", "1", "--mode", "sepia"],
         "lựa chọn không hợp lệ: 'sepia' (chọn một trong: 'bw', 'grey', 'colour')",
         "invalid choice: 'sepia' (choose from 'bw', 'grey', 'colour')"),
    ],
)  # fmt: skip
def test_argparse_refusals_in_both_languages(
    argv: list[str],
    vietnamese: str,
    english: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DESK_APP_LANG", raising=False)
    err = _refusal(argv, capsys)
    assert vietnamese in err and "lỗi:" in err and err.startswith("cách dùng: desk-app")
    assert "usage" not in err and "error" not in err and "required" not in err, err
    monkeypatch.setenv("DESK_APP_LANG", "en")
    err = _refusal(argv, capsys)
    assert english in err and err.startswith("usage: desk-app") and "error:" in err, err
    assert "cách dùng" not in err and "lỗi" not in err


def test_help_headings_and_texts_in_both_languages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_APP_LANG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["receipt", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for words in ("cách dùng:", "tham số:", "tùy chọn:", "in hướng dẫn này rồi thoát",
                  "xuất Giấy tiếp nhận (Mẫu 01)", "tệp PDF sẽ ghi", "--out TỆP", "MÃ_HỒ_SƠ"):  # fmt: skip
        assert words in out, (words, out)
    assert "usage" not in out and "options" not in out and "OUT" not in out
    monkeypatch.setenv("DESK_APP_LANG", "en")
    with pytest.raises(SystemExit):
        main(["receipt", "--help"])
    out = capsys.readouterr().out
    for words in ("usage:", "positional arguments:", "options:", "show this help message",
                  "write the receipt (Form 01)", "the PDF file to write", "--out FILE", "CODE"):  # fmt: skip
        assert words in out, (words, out)
    assert "Giấy" not in out


def test_argparse_is_itself_again_after_parsing(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["due"])
    capsys.readouterr()
    other = argparse.ArgumentParser(prog="other")
    other.add_argument("--x", required=True)
    with pytest.raises(SystemExit):
        other.parse_args([])
    assert "the following arguments are required: --x" in capsys.readouterr().err


def test_every_translated_message_is_one_of_argparses() -> None:
    """A Python whose argparse words its messages differently shows here, not as English
    text in front of an officer."""
    source = inspect.getsource(argparse)
    for msgid in [*ARGPARSE_VI, *ARGPARSE_VI_PLURAL]:
        assert repr(msgid)[1:-1] in source or msgid in source, msgid


def test_own_messages_in_both_languages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_APP_LANG", raising=False)
    argv = ["due", "--procedure", "1.001193", "--received", "hôm qua"]
    assert main(argv) == 2
    assert "Lỗi: Thời điểm nhận «hôm qua» không đúng dạng ISO" in capsys.readouterr().err
    monkeypatch.setenv("DESK_APP_LANG", "en")
    assert main(argv) == 2
    assert "Error: The time received «hôm qua» is not ISO" in capsys.readouterr().err
