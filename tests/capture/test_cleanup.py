"""Page clean-up on the corpus pages: straight, cropped, blank found, faint marks kept."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from bench.corpus import blank_page, form_page, id_card_page, text_page
from desk_app.capture.cleanup import binarise, clean, estimate_skew, rotate_quarters
from desk_app.capture.page import ColourMode, RawPage


def _raw(image: Image.Image) -> RawPage:
    return RawPage(image, 300, "test")


@pytest.mark.parametrize("skew", [-4.0, -1.5, 2.5, 6.0])
def test_skew_is_found_within_a_fifth_of_a_degree(skew: float) -> None:
    page = text_page(skew=skew)
    assert estimate_skew(page.image.reduce(3)) == pytest.approx(-skew, abs=0.2)


def test_the_cleaned_page_has_level_lines() -> None:
    cleaned = clean(_raw(text_page(skew=3.0).image), ColourMode.BW)
    ink = ~np.asarray(cleaned.image)
    rows = ink.mean(axis=1)
    # Level text lines give rows of nothing between rows of much ink.
    assert (rows < 0.002).mean() > 0.45
    straight = estimate_skew(cleaned.image.convert("L").reduce(3))
    assert abs(straight) <= 0.2


def test_the_dark_lid_border_is_cropped() -> None:
    page = text_page(skew=0)
    cleaned = clean(_raw(page.image), ColourMode.GREY)
    grey = np.asarray(cleaned.image)
    assert grey[:, :5].mean() > 200 and grey[-5:, :].mean() > 200  # no black edge left
    assert cleaned.image.width < page.image.width * 2 / 3 + 5  # 300 → 200 dpi, minus border


def test_blank_back_side_is_detected_and_a_short_note_is_not() -> None:
    assert clean(_raw(blank_page().image), ColourMode.BW).blank
    note = blank_page().image.copy()
    ImageDraw.Draw(note).line((800, 1500, 1400, 1480), fill=30, width=6)  # one signature
    assert not clean(_raw(note), ColourMode.BW).blank
    assert not clean(_raw(text_page().image), ColourMode.BW).blank


def test_adaptive_threshold_keeps_a_faint_stamp_a_fixed_one_loses() -> None:
    image = Image.new("L", (1200, 1200), 238)
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 300, 900, 900), outline=196, width=14)  # a faint, worn seal
    draw.text((400, 560), "faint pencil", fill=200)
    grey = np.asarray(image)
    ink = ~np.asarray(binarise(image, 300))
    ring = np.zeros_like(ink)
    ImageDraw.Draw(im := Image.fromarray(ring)).ellipse((300, 300, 900, 900), outline=1, width=14)
    ring = np.asarray(im)
    assert ink[ring].mean() > 0.9  # the seal survives
    assert (grey[ring] < 128).mean() == 0  # a fixed threshold of 128 keeps none of it
    assert ink[~ring].mean() < 0.01  # and the paper stays white


def test_the_form_keeps_its_red_seal_in_colour_mode() -> None:
    cleaned = clean(_raw(form_page().image), ColourMode.COLOUR)
    rgb = np.asarray(cleaned.image).astype(int)
    red = (rgb[..., 0] > 170) & (rgb[..., 1] < 150) & (rgb[..., 2] < 150)
    assert red.sum() > 2000
    paper = (rgb[50:250, 50:250] == 255).all(axis=2)
    assert paper.mean() > 0.99  # paper is levelled to pure white (noise beyond 3σ aside)


def test_colour_id_card_is_kept_in_colour_and_not_rotated() -> None:
    cleaned = clean(_raw(id_card_page().image), ColourMode.COLOUR)
    assert cleaned.image.mode == "RGB" and cleaned.skew == 0.0 and not cleaned.blank
    assert cleaned.dpi == 200


def test_quarter_turns_rotate_clockwise() -> None:
    image = Image.new("L", (40, 20), 255)
    image.putpixel((0, 0), 0)
    turned = rotate_quarters(image, 1)
    assert turned.size == (20, 40) and turned.getpixel((19, 0)) == 0
    assert rotate_quarters(image, 4).tobytes() == image.tobytes()
    cleaned = clean(_raw(text_page(skew=0).image), ColourMode.BW, quarter_turns=2)
    assert cleaned.image.size[0] < cleaned.image.size[1]


def test_black_and_white_keeps_hairlines_and_small_dots_and_drops_specks() -> None:
    """The edge smoothing after the threshold (fewer G4 bytes) must not erase a line one
    pixel wide or a 2 × 2 dot (the dot below a vowel in small print at 200 dpi)."""
    image = Image.new("L", (400, 400), 236)
    draw = ImageDraw.Draw(image)
    draw.line((50, 100, 350, 100), fill=30, width=1)  # a hairline
    draw.rectangle((200, 200, 201, 201), fill=30)  # a 2 × 2 dot
    draw.point((300, 300), fill=30)  # a speck
    ink = ~np.asarray(binarise(image, 200))
    assert ink[100, 60:340].mean() > 0.95
    assert ink[199:203, 199:203].sum() >= 4
    assert not ink[295:306, 295:306].any()
