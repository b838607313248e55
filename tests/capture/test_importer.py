"""Files into pages: every good kind read at its true resolution, every bad one refused."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from desk_app.capture.errors import UnreadableFile, UnsafeFile
from desk_app.capture.importer import check_resolution, read_bytes, read_file


def _image_bytes(fmt: str, size=(1654, 2339), dpi=200, mode="L", **kw) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 240).save(out, format=fmt, dpi=(dpi, dpi), **kw)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_images_are_read_at_their_true_resolution(fmt: str) -> None:
    pages = read_bytes(_image_bytes(fmt, dpi=300, size=(2480, 3508)), f"scan.{fmt.lower()}")
    assert [(p.image.size, p.dpi) for p in pages] == [((2480, 3508), 300)]


def test_a_multi_page_tiff_gives_every_page_in_order() -> None:
    out = io.BytesIO()
    frames = [Image.new("L", (1654, 2339), shade) for shade in (250, 200, 150)]
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = read_bytes(out.getvalue(), "lo.tiff")
    assert [p.image.getpixel((5, 5)) for p in pages] == [250, 200, 150]
    assert [p.origin for p in pages] == [f"lo.tiff, trang {n}" for n in (1, 2, 3)]


def test_a_pdf_of_scans_is_rendered_at_its_images_resolution() -> None:
    import img2pdf

    data = img2pdf.convert([_image_bytes("JPEG", dpi=300, size=(2480, 3508))] * 2)
    pages = read_bytes(data, "hoso.pdf")
    assert len(pages) == 2
    assert pages[0].dpi == 300 and abs(pages[0].image.width - 2480) <= 2


def test_a_missing_dpi_is_taken_from_the_a4_width() -> None:
    out = io.BytesIO()
    Image.new("RGB", (2480, 3508), "white").save(out, format="PNG")  # no pHYs chunk
    assert read_bytes(out.getvalue(), "x.png")[0].dpi == 300


def test_too_low_a_resolution_is_refused_with_its_figure() -> None:
    page = read_bytes(_image_bytes("PNG", size=(827, 1169), dpi=100), "thap.png")[0]
    with pytest.raises(UnreadableFile, match="100 dpi quá thấp"):
        check_resolution(page)


def test_zero_bytes(tmp_path: Path) -> None:
    empty = tmp_path / "rong.jpg"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="rỗng"):
        read_file(empty)


def test_truncated_jpeg_is_refused_not_half_read() -> None:
    data = _image_bytes("JPEG", size=(2480, 3508), dpi=300, quality=95)
    with pytest.raises(UnreadableFile, match="hỏng hoặc chưa ghi xong"):
        read_bytes(data[: len(data) // 2], "cut.jpg")


def test_a_text_file_named_jpg_is_refused() -> None:
    with pytest.raises(UnreadableFile, match="đổi đuôi"):
        read_bytes("Đây là văn bản, không phải ảnh.".encode(), "anh.jpg")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="chu", user="khach"))
    with pytest.raises(UnsafeFile, match="mật khẩu"):
        read_bytes(out.getvalue(), "khoa.pdf")
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="chu", user=""))  # opens, still encrypted
    with pytest.raises(UnsafeFile, match="mã hóa"):
        read_bytes(out.getvalue(), "khoa2.pdf")


def test_pdf_with_javascript_is_refused() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    action = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    )
    pdf.Root.OpenAction = action
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(UnsafeFile, match="JavaScript"):
        read_bytes(out.getvalue(), "ma.pdf")


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    data = _png_claiming(100_000, 100_000)
    assert len(data) < 200  # 10 gigapixels announced in under 200 bytes
    with pytest.raises(UnsafeFile, match="quá lớn"):
        read_bytes(data, "bom.png")


def test_a_folder_or_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="Không tìm thấy"):
        read_file(tmp_path / "khong-co.png")
    with pytest.raises(UnreadableFile, match="không phải là tệp"):
        read_file(tmp_path)
