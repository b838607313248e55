"""Page clean-up: quarter turns, dark borders, skew, blank pages, and the colour mode.

All of it is Pillow over the page and a reduced copy of it (about 100 dpi), so a 300 dpi A4
page is cleaned in well under the 300 ms a page may take (``bench/capture.py``). NumPy
would be no faster here and would add 40 MB to the bundle (issue 7).

- Borders: rows and columns at the edges that are mostly dark (the scanner's lid) go.
- Skew: the angle whose row profile of ink is sharpest (text lines line up), searched
  coarse then fine within ±``max_skew`` degrees; a page without lines is left alone.
- Blank: almost no ink darker than the paper, away from the edges (a blank back side).
- Black and white: Sauvola's adaptive threshold, so faint stamps and pencil survive where a
  single threshold would lose them, then lone specks of noise are removed and the strokes'
  edges smoothed (fewer G4 bytes).
- Resolution: every mode is kept at 200 dpi at most, the rule's minimum (``CleanOptions``).
- Grey and colour: the paper is levelled to white so it compresses to almost nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageChops, ImageMath

from desk_app.capture.page import MIN_DPI, ColourMode, RawPage, decode

_WORK_DPI = 100
_DARK = 90  # a border pixel darker than this is the scanner lid, not paper


@dataclass(frozen=True)
class CleanOptions:
    deskew: bool = True
    crop_borders: bool = True
    detect_blank: bool = True
    max_skew: float = 8.0
    sauvola_k: float = 0.12
    # Pages are kept at these resolutions at most (the PDF states it, so the page keeps its
    # real size): 200 dpi is the rule's minimum for ordinary papers (``page.MIN_DPI``).
    # Grey and colour at 200 dpi take half the bytes of 300. Black and white at 200 dpi
    # takes two thirds of the G4 bytes of 300 and tesseract reads it as well (issue 24,
    # ``bench/capture.py``); 300 keeps finer print crisper, at that cost.
    picture_dpi: int = 200
    text_dpi: int = 200


class CleanPage:
    """A page ready for the PDF: mode ``1`` (black and white), ``L`` (grey) or ``RGB``.

    A page kept on screen is packed (``desk_app.capture.pdf.pack``): only ``encoded``, the
    G4 or JPEG bytes the PDF will embed, is held, and ``image`` decodes them when read."""

    __slots__ = ("_image", "blank", "dpi", "encoded", "mode", "origin", "skew")

    def __init__(
        self,
        image: Image.Image | None,
        dpi: int,
        mode: ColourMode,
        skew: float,  # degrees turned to straighten it
        blank: bool,
        origin: str,
        *,
        encoded: bytes = b"",
    ) -> None:
        if image is None and not encoded:
            raise ValueError("a page needs its image or its encoded bytes")
        self._image = image
        self.dpi = dpi
        self.mode = mode
        self.skew = skew
        self.blank = blank
        self.origin = origin
        self.encoded = encoded

    @property
    def image(self) -> Image.Image:
        if self._image is not None:
            return self._image
        return decode(self.encoded)

    @property
    def is_packed(self) -> bool:
        return self._image is None

    def __repr__(self) -> str:
        return (
            f"CleanPage(dpi={self.dpi}, mode={self.mode}, skew={self.skew}, "
            f"blank={self.blank}, origin={self.origin!r}, packed={self.is_packed})"
        )


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
    small = _grey(image).reduce(factor) if factor > 1 else _grey(image)

    if opts.crop_borders:
        top, bottom, left, right = dark_border_box(small)
        if (top, left) != (0, 0) or (bottom, right) != (small.height, small.width):
            image = image.crop((left * factor, top * factor, right * factor, bottom * factor))
            small = small.crop((left, top, right, bottom))

    skew = estimate_skew(small, opts.max_skew) if opts.deskew else 0.0
    kept_dpi = max(MIN_DPI, opts.text_dpi if mode is ColourMode.BW else opts.picture_dpi)
    target = min(dpi, kept_dpi)
    # Grey turns after an averaging resize (fine detail free of aliasing, the picture
    # smaller); black and white and colour turn and shrink in one bilinear pass.
    if target != dpi and not (skew and mode is not ColourMode.GREY):
        size = (round(image.width * target / dpi), round(image.height * target / dpi))
        image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
        dpi = target
    if skew:
        # Black and white kept at the scan's resolution is thresholded next: nearest is as
        # legible there and six times faster.
        nearest = mode is ColourMode.BW and dpi == target
        resample = Image.Resampling.NEAREST if nearest else Image.Resampling.BILINEAR
        # Black and white: corners of the paper's grey, not white, or the threshold would
        # draw the step between them as a line along each edge.
        fill = percentile(_levels(small), 90) if mode is ColourMode.BW else None
        image = turn_and_scale(image, skew, dpi / target, resample, fill=fill)
        small = small.rotate(skew, fillcolor=255)
    dpi = target

    blank = is_blank(small) if opts.detect_blank else False
    grey = _grey(image)
    if mode is ColourMode.BW:
        result = binarise(grey, dpi, k=opts.sauvola_k)
    else:
        result = level_paper(image, grey)
    return CleanPage(result, dpi, mode, skew, blank, page.origin)


def turn_and_scale(
    image: Image.Image,
    degrees: float,
    shrink: float,
    resample: Image.Resampling,
    *,
    fill: int | None = None,
) -> Image.Image:
    """Turned ``degrees`` counter-clockwise about its centre and ``shrink`` times smaller,
    in one affine pass (corners filled with ``fill``, a grey level, or white)."""
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
        fillcolor=_white(image) if fill is None else fill,
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


def _levels(image: Image.Image) -> list[int]:
    """The grey levels of a mode-L image as a list of 256 counts."""
    return image.histogram()[:256]


def percentile(counts: list[int], q: float) -> int:
    """The grey level below which ``q`` per cent of the pixels counted in ``counts`` lie."""
    target = sum(counts) * q / 100
    seen = 0
    for level, count in enumerate(counts):
        seen += count
        if seen >= target and seen:
            return level
    return 255


def _mask(image: Image.Image, test: Callable[[int], bool]) -> Image.Image:
    """255 where ``test(grey level)`` holds, 0 elsewhere."""
    return image.point([255 if test(level) else 0 for level in range(256)])


def dark_border_box(small: Image.Image) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the page inside the dark edges around it."""
    dark = _mask(small, lambda v: v < _DARK)
    width, height = small.size
    # A row's (column's) mean of the mask: the share of it that is dark, times 255.
    rows = list(dark.reduce((width, 1)).tobytes())
    cols = list(dark.reduce((1, height)).tobytes())

    def inner(profile: list[int], reverse: bool) -> int:
        values = profile[::-1] if reverse else profile
        edge = 0
        limit = len(values) // 3  # never cut more than a third from one side
        while edge < limit and values[edge] > 128:  # more than half of it dark
            edge += 1
        if edge:
            edge = min(limit, edge + 2)  # and the grey seam next to it
        return edge

    top = inner(rows, False)
    bottom = len(rows) - inner(rows, True)
    left = inner(cols, False)
    right = len(cols) - inner(cols, True)
    if bottom - top < 10 or right - left < 10:
        return 0, height, 0, width
    return top, bottom, left, right


def estimate_skew(small: Image.Image, max_skew: float = 8.0) -> float:
    """The angle (degrees, counter-clockwise positive as PIL's ``rotate``) to straighten.

    Each candidate angle shears the ink so that lines at that angle become rows; the
    angle whose row profile is sharpest (sum of squares) wins. Coarse steps of 0.5° on a
    half-size copy, then 0.1° steps around the best and 0.05° either side of the finest.
    """
    paper = percentile(_levels(small), 90)
    ink = _mask(small, lambda v: v < paper - 60)
    if ink.histogram()[255] < 2000:  # a few strokes (a signature) are no lines to level
        return 0.0
    half = ink.reduce(2)

    def sharpness(image: Image.Image, angle: float) -> int:
        slope = math.tan(math.radians(angle))
        sheared = image.transform(
            image.size,
            Image.Transform.AFFINE,
            (1, 0, 0, slope, 1, -slope * image.width / 2),
            resample=Image.Resampling.NEAREST,
        )
        profile = sheared.reduce((image.width, 1)).tobytes()
        return sum(value * value for value in profile)

    steps = round(2 * max_skew / 0.5)
    coarse = [-max_skew + 0.5 * i for i in range(steps + 1)]
    scores = [sharpness(half, angle) for angle in coarse]
    best = coarse[scores.index(max(scores))]
    fine = [best - 0.5 + 0.1 * i for i in range(11)]
    fine_scores = [sharpness(ink, angle) for angle in fine]
    angle = fine[fine_scores.index(max(fine_scores))]
    finer = [angle - 0.05, angle + 0.05]  # the profile is smooth this close to its peak
    fine += finer
    fine_scores += [sharpness(ink, a) for a in finer]
    angle = fine[fine_scores.index(max(fine_scores))]
    if max(fine_scores) < sharpness(ink, 0.0) * 1.03 or abs(angle) < 0.1:
        return 0.0  # no clear lines (a photo), or straight enough already
    return round(angle, 2)


def is_blank(small: Image.Image) -> bool:
    """Almost no ink away from the edges: a blank back side or an empty sheet."""
    width, height = small.size
    my, mx = max(1, height // 25), max(1, width // 25)
    if width <= 2 * mx or height <= 2 * my:
        return True
    counts = _levels(small.crop((mx, my, width - mx, height - my)))
    paper = percentile(counts, 90)
    ink = sum(counts[: max(0, paper - 80)])
    return ink < sum(counts) * 0.0001  # about a 1 cm pen stroke at 100 dpi


_SQUARES = [float(level * level) for level in range(256)]


def binarise(grey: Image.Image, dpi: int, *, k: float = 0.12) -> Image.Image:
    """Sauvola's threshold over blocks of the page; returns a mode-1 image (ink black).

    Statistics are taken per block of about 1/40 inch and averaged over a window of about
    1/6 inch, so the threshold follows the paper (shadows, yellowed sheets) and is
    compared with every pixel of its block without ever being interpolated. The ink's
    edges are then smoothed, twice (``_smooth_edges``): the scanner's noise leaves every
    stroke's edge ragged, and CCITT G4 pays for each step of it (the dense text page of
    ``bench/capture.py`` at 200 dpi: 43.0 KB unsmoothed, 40.2 once, 39.9 twice, read by
    tesseract as well). Softening the page before the threshold saved a little more but
    thickened the form's ruled lines into its answers (tesseract: 96% → 59%) and thinned
    faint seals.
    """
    width, height = grey.size
    block = max(2, dpi // 40)
    padded = Image.new("L", (-(-width // block) * block, -(-height // block) * block), 255)
    padded.paste(grey)
    mean = padded.convert("F").reduce(block)
    mean_sq = padded.point(_SQUARES, "F").reduce(block)
    window = max(3, (dpi // 6) // block) | 1  # about 1/6 inch, odd, in blocks
    local_mean, local_sq = _box(mean, window), _box(mean_sq, window)

    def threshold(a: dict[str, Any]) -> Any:
        m, sq = a["m"], a["sq"]
        std = a["max"](sq - m * m, 0.0) ** 0.5
        # Rounded up, so "grey < threshold" is the same test on whole grey levels.
        return m * (1 + k * (std / 128 - 1)) + 0.999

    level = ImageMath.lambda_eval(threshold, m=local_mean, sq=local_sq).convert("L")
    # Each block's threshold over its pixels; ink where the page is darker than it.
    level = level.resize(padded.size, Image.Resampling.NEAREST)
    ink = _mask(ImageChops.subtract(level, padded), lambda v: v > 0).crop((0, 0, width, height))
    ink = _smooth_edges(_smooth_edges(ink))
    return ImageChops.invert(ink).convert("1", dither=Image.Dither.NONE)


def _box(values: Image.Image, window: int) -> Image.Image:
    """Mean of a mode-F image over a ``window`` × ``window`` neighbourhood (edges repeat)."""
    r = window // 2
    width, height = values.size
    padded = Image.new("F", (width + 2 * r, height + 2 * r))
    padded.paste(values, (r, r))
    padded.paste(values.crop((0, 0, 1, height)).resize((r, height)), (0, r))
    padded.paste(values.crop((width - 1, 0, width, height)).resize((r, height)), (width + r, r))
    full = width + 2 * r
    padded.paste(padded.crop((0, r, full, r + 1)).resize((full, r)), (0, 0))
    padded.paste(
        padded.crop((0, height + r - 1, full, height + r)).resize((full, r)), (0, height + r)
    )

    def add(a: dict[str, Any]) -> Any:
        return a["x"] + a["y"]

    rows = padded.crop((0, 0, width, height + 2 * r))
    for dx in range(1, window):
        rows = ImageMath.lambda_eval(
            add, x=rows, y=padded.crop((dx, 0, dx + width, height + 2 * r))
        )
    total = rows.crop((0, 0, width, height))
    for dy in range(1, window):
        total = ImageMath.lambda_eval(add, x=total, y=rows.crop((0, dy, width, dy + height)))
    area = float(window * window)
    result: Image.Image = ImageMath.lambda_eval(lambda a: a["t"] / area, t=total)
    return result


def _smooth_edges(ink: Image.Image) -> Image.Image:
    """Lone specks and one-pixel bumps of ink gone, one-pixel notches filled.

    ``ink`` is 255 on ink, 0 on paper. Ink stays where at least 2 of its 8 neighbours are
    ink (a line one pixel wide and a 2 × 2 dot, the dot below a Vietnamese vowel at small
    sizes, are kept: a 3 × 3 median would erase both); paper becomes ink where at least 5
    of its 8 neighbours are. Ink is counted as 1 and summed over 3 × 3 (two passes of
    three shifted copies), the pixel itself included.
    """
    width, height = ink.size
    ones = Image.new("L", (width + 2, height + 2), 0)
    ones.paste(ink.point(lambda v: 1 if v else 0), (1, 1))
    across = ImageChops.add(
        ImageChops.add(
            ones.crop((0, 0, width, height + 2)), ones.crop((1, 0, width + 1, height + 2))
        ),
        ones.crop((2, 0, width + 2, height + 2)),
    )
    count = ImageChops.add(
        ImageChops.add(across.crop((0, 0, width, height)), across.crop((0, 1, width, height + 1))),
        across.crop((0, 2, width, height + 2)),
    )
    kept = ImageChops.darker(ink, _mask(count, lambda v: v >= 3))  # itself and 2 more
    return ImageChops.lighter(kept, _mask(count, lambda v: v >= 5))  # 5 around paper


def paper_cut(grey: Image.Image) -> int | None:
    """The grey level above which a pixel is paper: its peak less three times its noise.

    None when the page has no clear paper (a photo filling the page).
    """
    counts = _levels(_every_fourth(grey))
    total = sum(counts)
    peak = max(range(100, 256), key=lambda level: counts[level])  # the brightest large population
    if counts[peak] < total * 0.01:
        return None
    floor = counts[peak] * math.exp(-2)  # two sigmas below the peak
    below = [level for level in range(peak) if counts[level] < floor]
    two_sigma = peak - below[-1] if below else 4
    return max(100, peak - (3 * two_sigma) // 2 - 2)


def _every_fourth(grey: Image.Image) -> Image.Image:
    """Every fourth pixel of every fourth row (a sample with the page's own noise)."""
    return grey.resize(
        (max(1, grey.width // 4), max(1, grey.height // 4)), Image.Resampling.NEAREST
    )


def level_paper(image: Image.Image, grey: Image.Image) -> Image.Image:
    """Paper to pure white (its noise with it) and the darkest ink to black."""
    cut = paper_cut(grey)
    if cut is None:
        return image
    black = percentile(_levels(_every_fourth(grey)), 0.5)
    if cut - black < 40:
        return image
    scale = 255.0 / (cut - black)
    lut = [255 if v >= cut else max(0, min(255, round((v - black) * scale))) for v in range(256)]
    if image.mode != "RGB":
        return image.point(lut)
    # Colour: where the grey is paper, white in all channels (a faint tint is noise too).
    levelled = image.point(lut * 3)
    levelled.paste((255, 255, 255), mask=_mask(grey, lambda v: v >= cut))
    return levelled
