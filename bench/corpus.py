"""A page corpus made on the spot: what a commune desk scans, at 300 dpi.

- ``text_page``: a Vietnamese administrative text (header, motto, body), skewed, with
  scanner noise and the dark edge of the scanner lid.
- ``form_page``: a declaration form with ruled fields, handwriting-grey answers and a
  faint red seal over the signature.
- ``id_card_page``: a colour ID card (photo, coloured background) on an A4 flatbed scan.
- ``blank_page``: the blank back of a sheet, with noise.
Each returns an RGB or grey Pillow image and the truth the tests and bench check against.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from desk_app.resources import resource

DPI = 300
A4 = (2480, 3508)
PAPER = 236

TEXT = [
    "Căn",
    "cứ",
    "Nghị",
    "định",
    "số",
    "118/2025/NĐ-CP",
    "ngày",
    "09",
    "tháng",
    "6",
    "năm",
    "2025",
    "của",
    "Chính",
    "phủ",
    "về",
    "thực",
    "hiện",
    "thủ",
    "tục",
    "hành",
    "chính",
    "theo",
    "cơ",
    "chế",
    "một",
    "cửa,",
    "một",
    "cửa",
    "liên",
    "thông",
    "tại",
    "Bộ",
    "phận",
    "Một",
    "cửa",
    "và",
    "Cổng",
    "Dịch",
    "vụ",
    "công",
    "quốc",
    "gia;",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "xã",
    "đề",
    "nghị",
    "các",
    "cơ",
    "quan,",
    "tổ",
    "chức,",
    "cá",
    "nhân",
    "phối",
    "hợp",
    "số",
    "hóa",
    "hồ",
    "sơ,",
    "kết",
    "quả",
    "giải",
    "quyết",
    "thủ",
    "tục",
    "hành",
    "chính,",
    "bảo",
    "đảm",
    "người",
    "dân",
    "không",
    "phải",
    "nộp",
    "lại",
    "giấy",
    "tờ",
    "đã",
    "được",
    "số",
    "hóa",
    "khi",
    "thực",
    "hiện",
    "giao",
    "dịch",
    "lần",
    "sau.",
]


@dataclass(frozen=True)
class CorpusPage:
    name: str
    image: Image.Image
    skew: float  # degrees the sheet lies turned (counter-clockwise), 0 for none
    words: str  # the text printed on it, for OCR accuracy


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSerif-Bold.ttf" if bold else "NotoSerif-Regular.ttf"
    return ImageFont.truetype(str(resource("fonts", name)), size)


def _noise(image: Image.Image, sigma: float, seed: int) -> Image.Image:
    values = np.asarray(image).astype(np.int16)
    noisy = values + np.random.default_rng(seed).normal(0, sigma, values.shape).astype(np.int16)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), image.mode)


def _lid_edge(image: Image.Image, width: int = 40) -> Image.Image:
    """The dark strip a flatbed leaves where the sheet does not reach the edge."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    dark = 25 if out.mode == "L" else (25, 25, 25)
    draw.rectangle((0, 0, width, out.height), fill=dark)
    draw.rectangle((0, out.height - width // 2, out.width, out.height), fill=dark)
    return out


def _wrap(words: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def text_page(
    seed: int = 1, *, skew: float = 1.8, noise: float = 6.0, paragraphs: int = 4
) -> CorpusPage:
    rng = random.Random(seed)
    image = Image.new("L", A4, PAPER)
    draw = ImageDraw.Draw(image)
    body, head = _font(50), _font(50, bold=True)  # 12 pt at 300 dpi
    printed: list[str] = []

    def line(text: str, y: int, font: ImageFont.FreeTypeFont, centre: bool = False) -> int:
        x = (A4[0] - font.getlength(text)) / 2 if centre else 280
        draw.text((x, y), text, fill=30, font=font)
        printed.append(text)
        return y + 78

    y = line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 260, head, centre=True)
    y = line("Độc lập - Tự do - Hạnh phúc", y, head, centre=True)
    y = line("THÔNG BÁO", y + 80, head, centre=True)
    y += 60
    for _ in range(paragraphs):
        words = TEXT[:]
        rng.shuffle(words)
        for text in _wrap(words, body, A4[0] - 560):
            y = line(text, y, body)
        y += 40
    page = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=PAPER)
    page = _noise(_lid_edge(page), noise, seed)
    name = "text" if paragraphs <= 4 else f"text ({paragraphs} par.)"
    return CorpusPage(name, page, skew, "\n".join(printed))


def form_page(seed: int = 2, *, skew: float = -1.2) -> CorpusPage:
    image = Image.new("RGB", A4, (PAPER, PAPER, PAPER - 6))
    draw = ImageDraw.Draw(image)
    body, head = _font(46), _font(54, bold=True)
    printed = []
    draw.text((700, 250), "TỜ KHAI ĐĂNG KÝ KHAI SINH", fill=(20, 20, 20), font=head)
    printed.append("TỜ KHAI ĐĂNG KÝ KHAI SINH")
    labels = [
        "Họ, chữ đệm, tên người yêu cầu:",
        "Nơi cư trú:",
        "Giấy tờ tùy thân:",
        "Quan hệ với người được khai sinh:",
        "Họ, chữ đệm, tên người được khai sinh:",
        "Ngày, tháng, năm sinh:",
        "Nơi sinh:",
        "Dân tộc:                    Quốc tịch:",
    ]
    answers = ["Trần Thị Mai", "Thôn Đông, xã Minh Phú", "001190012345", "Mẹ", "Trần Minh An",
               "12/10/2026", "Trạm y tế xã Minh Phú", "Kinh          Việt Nam"]  # fmt: skip
    hand = _font(50)
    y = 480
    for label, answer in zip(labels, answers, strict=True):
        draw.text((260, y), label, fill=(25, 25, 25), font=body)
        width = body.getlength(label)
        draw.line((270 + width, y + 50, 2220, y + 50), fill=(90, 90, 90), width=2)
        draw.text((300 + width, y - 6), answer, fill=(70, 70, 120), font=hand)
        printed.append(f"{label} {answer}")
        y += 120
    # the signature and a faint red seal over it
    draw.text((1500, y + 120), "Người yêu cầu", fill=(25, 25, 25), font=body)
    draw.line((1480, y + 300, 1900, y + 260), fill=(60, 60, 110), width=5)
    seal = Image.new("RGBA", A4, (0, 0, 0, 0))
    sdraw = ImageDraw.Draw(seal)
    cx, cy, r = 1650, y + 260, 190
    for ring in (r, r - 30):
        sdraw.ellipse(
            (cx - ring, cy - ring, cx + ring, cy + ring), outline=(210, 60, 60, 150), width=8
        )
    sdraw.text((cx - 150, cy - 30), "UBND XÃ", fill=(210, 60, 60, 150), font=head)
    image = Image.alpha_composite(image.convert("RGBA"), seal).convert("RGB")
    page = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=(PAPER,) * 3)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    return CorpusPage("form", _noise(page, 5.0, seed), skew, "\n".join(printed))


def id_card_page(seed: int = 3) -> CorpusPage:
    """A colour ID card (85.6 × 54 mm) lying on an A4 flatbed, scanned in colour."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", A4, (PAPER, PAPER, PAPER))
    card_w, card_h = round(85.6 / 25.4 * DPI), round(54 / 25.4 * DPI)
    yy, xx = np.mgrid[0:card_h, 0:card_w]
    background = np.stack(
        [
            200 + 30 * np.sin(xx / 40.0),
            215 + 25 * np.cos(yy / 35.0),
            235 - 20 * np.sin((xx + yy) / 60.0),
        ],
        axis=-1,
    )
    card = Image.fromarray(np.clip(background, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(card)
    photo = rng.integers(60, 200, (300, 240, 3), dtype=np.uint8)
    card.paste(Image.fromarray(photo).filter(ImageFilter.GaussianBlur(6)), (40, 180))
    draw.ellipse((60, 30, 160, 130), fill=(200, 40, 40))  # the national emblem's red
    font, bold = _font(30), _font(34, bold=True)
    draw.text((200, 40), "CĂN CƯỚC", fill=(180, 30, 30), font=bold)
    lines = ["Số định danh cá nhân: 001190012345", "Họ, chữ đệm và tên: TRẦN THỊ MAI",
             "Ngày sinh: 05/09/1990   Giới tính: Nữ", "Quốc tịch: Việt Nam"]  # fmt: skip
    for i, text in enumerate(lines):
        draw.text((320, 200 + i * 60), text, fill=(20, 20, 60), font=font)
    image.paste(card, (300, 300))
    return CorpusPage("id_card", _noise(image, 4.0, seed), 0.0, "\n".join(["CĂN CƯỚC", *lines]))


def blank_page(seed: int = 4) -> CorpusPage:
    image = Image.new("L", A4, PAPER)
    return CorpusPage("blank", _noise(_lid_edge(image), 6.0, seed), 0.0, "")
