"""Page clean-up: quarter turns, dark borders, skew, blank pages, and the colour mode.

All of it is NumPy over the page and a reduced copy of it (about 100 dpi), so a 300 dpi A4
page is cleaned in well under the 300 ms a page may take (``bench/capture.py``).

- Borders: rows and columns at the edges that are mostly dark (the scanner's lid) go.
- Skew: the angle whose row profile of ink is sharpest (text lines line up), searched
  coarse then fine within ±``max_skew`` degrees; a page without lines is left alone.
- Blank: almost no ink darker than the paper, away from the edges (a blank back side).
- Black and white: Sauvola's adaptive threshold, so faint stamps and pencil survive where a
  single threshold would lose them, then lone specks of noise are removed.
- Grey and colour: the paper is levelled to white so it compresses to almost nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from desk_app.capture.page import MIN_DPI, ColourMode, RawPage

_WORK_DPI = 100
_DARK = 90  # a border pixel darker than this is the scanner lid, not paper


@dataclass(frozen=True)
class CleanOptions:
    deskew: bool = True
    crop_borders: bool = True
    detect_blank: bool = True
    max_skew: float = 8.0
    sauvola_k: float = 0.12
    # Grey and colour pages are kept at this resolution at most (the PDF states it, so the
    # page keeps its real size): 200 dpi is the rule's minimum and halves the bytes of 300.
    # Black and white keeps the scan's resolution: G4 costs little and strokes stay crisp.
    picture_dpi: int = 200


@dataclass(frozen=True)
class CleanPage:
    """A page ready for the PDF: mode ``1`` (black and white), ``L`` (grey) or ``RGB``."""

    image: Image.Image
    dpi: int
    mode: ColourMode
    skew: float  # degrees turned to straighten it
    blank: bool
    origin: str


def clean(
    page: RawPage,
    mode: ColourMode,
    *,
    quarter_turns: int = 0,
    options: CleanOptions | None = None,
) -> CleanPage:
    """The page straightened, cropped and converted to ``mode``."""
    opts = options or CleanOptions()
    image = rotate_quarters(page.image, quarter_turns)
    image = image.convert("RGB" if mode is ColourMode.COLOUR else "L")
    dpi = page.dpi
    factor = max(1, round(dpi / _WORK_DPI))
    small = np.asarray(_grey(image).reduce(factor) if factor > 1 else _grey(image))

    if opts.crop_borders:
        top, bottom, left, right = dark_border_box(small)
        if (top, left) != (0, 0) or (bottom, right) != small.shape:
            image = image.crop((left * factor, top * factor, right * factor, bottom * factor))
            small = small[top:bottom, left:right]

    skew = estimate_skew(small, opts.max_skew) if opts.deskew else 0.0
    target = dpi
    if mode is not ColourMode.BW and dpi > max(MIN_DPI, opts.picture_dpi):
        target = max(MIN_DPI, opts.picture_dpi)  # grey and colour: kept at this resolution
    if target != dpi and not (skew and mode is ColourMode.COLOUR):
        # An averaging resize keeps fine detail free of aliasing (and the JPEG smaller).
        size = (round(image.width * target / dpi), round(image.height * target / dpi))
        image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
        dpi = target
    if skew:
        # Black and white is thresholded next: nearest is as legible and six times faster.
        # Colour (three bytes a pixel) turns and shrinks in one bilinear pass instead.
        resample = Image.Resampling.NEAREST if mode is ColourMode.BW else Image.Resampling.BILINEAR
        image = turn_and_scale(image, skew, dpi / target, resample)
        small = np.asarray(Image.fromarray(small).rotate(skew, fillcolor=255))
    dpi = target

    blank = is_blank(small) if opts.detect_blank else False
    grey = np.asarray(_grey(image), dtype=np.uint8)
    if mode is ColourMode.BW:
        result = binarise(grey, dpi, k=opts.sauvola_k)
    else:
        result = level_paper(image, grey)
    return CleanPage(result, dpi, mode, skew, blank, page.origin)


def turn_and_scale(
    image: Image.Image, degrees: float, shrink: float, resample: Image.Resampling
) -> Image.Image:
    """Turned ``degrees`` counter-clockwise about its centre and ``shrink`` times smaller,
    in one affine pass (corners filled with white)."""
    width, height = round(image.width / shrink), round(image.height / shrink)
    angle = -math.radians(degrees)
    cos, sin = math.cos(angle) * shrink, math.sin(angle) * shrink
    cx_out, cy_out = width / 2, height / 2
    cx_in, cy_in = image.width / 2, image.height / 2
    matrix = (
        cos,
        sin,
        cx_in - (cos * cx_out + sin * cy_out),
        -sin,
        cos,
        cy_in - (-sin * cx_out + cos * cy_out),
    )
    return image.transform(
        (width, height),
        Image.Transform.AFFINE,
        matrix,
        resample=resample,
        fillcolor=_white(image),
    )


def _grey(image: Image.Image) -> Image.Image:
    return image.convert("L") if image.mode != "L" else image


def rotate_quarters(image: Image.Image, quarter_turns: int) -> Image.Image:
    """Turned clockwise by ``quarter_turns`` × 90°."""
    turns = quarter_turns % 4
    if turns == 0:
        return image
    method = {
        1: Image.Transpose.ROTATE_270,
        2: Image.Transpose.ROTATE_180,
        3: Image.Transpose.ROTATE_90,
    }[turns]
    return image.transpose(method)


def _white(image: Image.Image) -> int | tuple[int, int, int]:
    return (255, 255, 255) if image.mode == "RGB" else 255


def dark_border_box(small: NDArray[np.uint8]) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the page inside the dark edges around it."""
    dark = small < _DARK
    rows = dark.mean(axis=1)
    cols = dark.mean(axis=0)

    def inner(profile: NDArray[np.floating], reverse: bool) -> int:
        values = profile[::-1] if reverse else profile
        edge = 0
        limit = len(values) // 3  # never cut more than a third from one side
        while edge < limit and values[edge] > 0.5:
            edge += 1
        if edge:
            edge = min(limit, edge + 2)  # and the grey seam next to it
        return edge

    top = inner(rows, False)
    bottom = len(rows) - inner(rows, True)
    left = inner(cols, False)
    right = len(cols) - inner(cols, True)
    if bottom - top < 10 or right - left < 10:
        return 0, small.shape[0], 0, small.shape[1]
    return top, bottom, left, right


def _ink(small: NDArray[np.uint8]) -> NDArray[np.bool_]:
    paper = float(np.percentile(small, 90))
    return small < paper - 60


def estimate_skew(small: NDArray[np.uint8], max_skew: float = 8.0) -> float:
    """The angle (degrees, counter-clockwise positive as PIL's ``rotate``) to straighten."""
    ink = _ink(small)
    ys, xs = np.nonzero(ink)
    if len(ys) < 2000:  # a few strokes (a signature) are no lines to level
        return 0.0
    if len(ys) > 60_000:
        pick = np.random.default_rng(0).choice(len(ys), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs_f = xs.astype(np.float32) - small.shape[1] / 2
    ys_f = ys.astype(np.float32) + small.shape[1]  # keep indices positive for bincount

    def sharpness(angle: float) -> float:
        rows = (ys_f + xs_f * np.float32(np.tan(np.radians(angle)))).astype(np.int32)
        counts = np.bincount(rows)
        return float(np.dot(counts, counts))

    coarse = np.arange(-max_skew, max_skew + 0.01, 0.5)
    scores = [sharpness(a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    fine_scores = [sharpness(a) for a in fine]
    angle = float(fine[int(np.argmax(fine_scores))])
    level = sharpness(0.0)
    if max(fine_scores) < level * 1.03 or abs(angle) < 0.1:
        return 0.0  # no clear lines (a photo), or straight enough already
    return -round(angle, 2)


def is_blank(small: NDArray[np.uint8]) -> bool:
    """Almost no ink away from the edges: a blank back side or an empty sheet."""
    height, width = small.shape
    my, mx = max(1, height // 25), max(1, width // 25)
    inner = small[my : height - my, mx : width - mx]
    if inner.size == 0:
        return True
    paper = float(np.percentile(inner, 90))
    ink = inner < paper - 80
    return float(ink.mean()) < 0.0001  # about a 1 cm pen stroke at 100 dpi


def binarise(grey: NDArray[np.uint8], dpi: int, *, k: float = 0.12) -> Image.Image:
    """Sauvola's threshold over blocks of the page; returns a mode-1 image (ink black).

    Statistics are taken per block of about 1/40 inch and averaged over a window of about
    1/6 inch, so the threshold follows the paper (shadows, yellowed sheets) and is
    compared with every pixel of its block without ever being upsampled.
    """
    height, width = grey.shape
    block = max(2, dpi // 40)
    bh, bw = -(-height // block), -(-width // block)
    padded = np.full((bh * block, bw * block), 255, dtype=np.uint8)
    padded[:height, :width] = grey
    values = padded.astype(np.float32)
    mean = np.asarray(Image.fromarray(values, mode="F").reduce(block), dtype=np.float32)
    mean_sq = np.asarray(
        Image.fromarray(np.square(values), mode="F").reduce(block), dtype=np.float32
    )
    window = max(3, (dpi // 6) // block) | 1  # about 1/6 inch, odd, in blocks
    local_mean = _box(mean, window)
    local_sq = _box(mean_sq, window)
    std = np.sqrt(np.maximum(local_sq - np.square(local_mean), 0))
    threshold = local_mean * (1 + k * (std / 128 - 1))
    tiles = padded.reshape(bh, block, bw, block)
    ink = (tiles < threshold[:, None, :, None]).reshape(bh * block, bw * block)
    ink = ink[:height, :width]
    ink &= _has_neighbour(ink)
    return Image.fromarray(~ink)


def _box(values: NDArray[np.float32], window: int) -> NDArray[np.float32]:
    """Mean over a ``window`` × ``window`` neighbourhood (edges repeat)."""
    r = window // 2
    padded = np.pad(values.astype(np.float64), r, mode="edge")
    summed = padded.cumsum(axis=0).cumsum(axis=1)
    summed = np.pad(summed, ((1, 0), (1, 0)))
    total = (
        summed[window:, window:]
        - summed[:-window, window:]
        - summed[window:, :-window]
        + summed[:-window, :-window]
    )
    result: NDArray[np.float32] = (total / (window * window)).astype(np.float32)
    return result


def _has_neighbour(ink: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True where at least one of the 8 neighbours is ink too (lone specks are noise)."""
    padded = np.pad(ink, 1)
    count = np.zeros(ink.shape, dtype=np.uint8)
    height, width = ink.shape
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy == 1 and dx == 1:
                continue
            count += padded[dy : dy + height, dx : dx + width]
    return count > 0


def paper_cut(grey: NDArray[np.uint8]) -> int | None:
    """The grey level above which a pixel is paper: its peak less three times its noise.

    None when the page has no clear paper (a photo filling the page).
    """
    sample = grey[::4, ::4]
    hist = np.bincount(sample.ravel(), minlength=256).astype(np.float64)
    peak = int(np.argmax(hist[100:])) + 100  # paper is the brightest large population
    if hist[peak] < sample.size * 0.01:
        return None
    below = np.nonzero(hist[:peak] < hist[peak] * np.exp(-2))[0]  # two sigmas below
    two_sigma = peak - int(below[-1]) if len(below) else 4
    return max(100, peak - (3 * two_sigma) // 2 - 2)


def level_paper(image: Image.Image, grey: NDArray[np.uint8]) -> Image.Image:
    """Paper to pure white (its noise with it) and the darkest ink to black."""
    cut = paper_cut(grey)
    if cut is None:
        return image
    black = int(np.percentile(grey[::4, ::4], 0.5))
    if cut - black < 40:
        return image
    scale = 255.0 / (cut - black)
    lut = [255 if v >= cut else max(0, min(255, round((v - black) * scale))) for v in range(256)]
    if image.mode != "RGB":
        return image.point(lut)
    # Colour: where the grey is paper, white in all channels (a faint tint is noise too).
    levelled = image.point(lut * 3)
    paper = Image.fromarray(grey >= cut)
    levelled.paste((255, 255, 255), mask=paper)
    return levelled
