"""Maps drawn on the server as SVG: a province's districts and the tiles of the nation.

geothai has no coordinates or boundaries. A province whose district offices are recorded
(monitoring.DistrictOffice, e.g. Surat Thani) is drawn as a dot map, each district a
circle at its office; other provinces as tiles in code order. The nation is a grid of
tiles placed by hand (tiles.py). Every district or province is a link, coloured by a
level class (CSS) and labelled with its number, so colour is never the only cue.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from thanrak.dashboards.tiles import PROVINCE_TILES

LEVELS = 5


def level(share: float | None) -> str:
    """The colour class of a share between 0 and 1 (``level-none`` without data)."""
    if share is None:
        return "level-none"
    return f"level-{min(int(share * LEVELS), LEVELS - 1)}"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    href: str
    value: str  # printed on the place (rules met, a percentage)
    css: str  # its level class
    label: str  # what a screen reader hears


def _join(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _svg(
    name: str, width: float, height: float, title: str, body: SafeString, css: str = "map"
) -> SafeString:
    return format_html(
        '<svg class="{}" data-map="{}" viewBox="0 0 {} {}" width="100%" role="group" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        css,
        name,
        round(width),
        round(height),
        title,
        body,
    )


def _project(
    points: dict[str, tuple[float, float]], width: float, margin: float
) -> tuple[dict[str, tuple[float, float]], float]:
    """Latitude/longitude to x/y (equirectangular, north up) fitted to ``width``."""
    lats = [lat for lat, _lon in points.values()]
    lons = [lon for _lat, lon in points.values()]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * squeeze, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = (width - 2 * margin) / span_x
    placed = {
        code: (
            round(margin + (lon - min(lons)) * squeeze * scale, 1),
            round(margin + (max(lats) - lat) * scale, 1),
        )
        for code, (lat, lon) in points.items()
    }
    return placed, span_y * scale + 2 * margin


def _spread(
    positions: dict[str, tuple[float, float]], widths: dict[str, float], height: float = 44
) -> dict[str, tuple[float, float]]:
    """Push apart the places whose circle and name would overlap (offices a few kilometres
    apart), each along the axis where they overlap least; deterministic."""
    placed = {code: list(xy) for code, xy in positions.items()}
    codes = sorted(placed)
    for _round in range(200):
        moved = False
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                (ax, ay), (bx, by) = placed[a], placed[b]
                dx, dy = bx - ax, by - ay
                over_x = (widths[a] + widths[b]) / 2 - abs(dx)
                over_y = height - abs(dy)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                if over_x < over_y:
                    shift = over_x / 2 + 0.5
                    sign = 1 if dx > 0 or (dx == 0 and a < b) else -1
                    placed[a][0] -= sign * shift
                    placed[b][0] += sign * shift
                else:
                    shift = over_y / 2 + 0.5
                    sign = 1 if dy > 0 or (dy == 0 and a < b) else -1
                    placed[a][1] -= sign * shift
                    placed[b][1] += sign * shift
        if not moved:
            break
    return {code: (round(x, 1), round(y, 1)) for code, (x, y) in placed.items()}


def _fit(
    positions: dict[str, tuple[float, float]], margin: float
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Move the places to start at ``margin``; return them with the width and height."""
    xs = [x for x, _y in positions.values()]
    ys = [y for _x, y in positions.values()]
    moved = {
        code: (round(margin + x - min(xs), 1), round(margin + y - min(ys), 1))
        for code, (x, y) in positions.items()
    }
    return moved, max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin


def district_dots(
    places: Sequence[Place], offices: dict[str, tuple[float, float]], title: str
) -> SafeString:
    """Districts at their offices; the districts without an office are left to the table.

    Two drawings, of which CSS shows one: the full map, names under the circles, for a
    screen and for paper; and on a phone a compact one, whose viewBox is about the
    phone's width, so circles and numbers stay large enough to read and tap. It leaves
    the names to the table under the map, which lists every district.
    """
    return _join([_dots_full(places, offices, title), _dots_compact(places, offices, title)])


def _place(p: Place, shape: SafeString, css: str = "map-place") -> SafeString:
    """A place as a link: what a screen reader hears, then its shape and texts."""
    return format_html(
        '<a href="{}" class="{}" data-code="{}" data-value="{}"><title>{}</title>{}</a>',
        p.href,
        css,
        p.code,
        p.value,
        p.label,
        shape,
    )


def _text(css: str, x: float, y: float, value: str) -> SafeString:
    return format_html(
        '<text class="{}" x="{}" y="{}" text-anchor="middle">{}</text>', css, x, y, value
    )


def _circle(p: Place, x: float, y: float, radius: int, number_dy: float) -> SafeString:
    """A district's circle, its number in the middle."""
    return format_html(
        '<circle class="{}" cx="{}" cy="{}" r="{}"/>{}',
        p.css,
        x,
        y,
        radius,
        _text("map-number", x, y + number_dy, p.value),
    )


def _dots_compact(
    places: Sequence[Place], offices: dict[str, tuple[float, float]], title: str
) -> SafeString:
    radius = 16
    projected, _height = _project(
        {p.code: offices[p.code] for p in places if p.code in offices}, 300, 0
    )
    size = 2 * radius + 4
    spread = _spread(projected, dict.fromkeys(projected, float(size)), size)
    positions, width, height = _fit(spread, radius + 2)
    parts = [
        _place(p, _circle(p, x, y, radius, 6), css="map-place map-place-compact")
        for p in places
        if p.code in positions
        for x, y in [positions[p.code]]
    ]
    return _svg("districts", width, height, title, _join(parts), css="map map-compact")


def _dots_full(
    places: Sequence[Place], offices: dict[str, tuple[float, float]], title: str
) -> SafeString:
    projected, _height = _project(
        {p.code: offices[p.code] for p in places if p.code in offices}, 420, 0
    )
    widths = {p.code: max(34.0, len(p.name) * 6.2 + 8) for p in places if p.code in projected}
    positions, width, height = _fit(_spread(projected, widths, 58), 44)
    height += 10  # the name under the lowest circle
    parts = [
        _place(p, _join([_circle(p, x, y, 13, 4.5), _text("map-name", x, y + 25, p.name)]))
        for p in places
        if p.code in positions
        for x, y in [positions[p.code]]
    ]
    return _svg("districts", width, height, title, _join(parts), css="map map-full")


def tiles(
    name: str,
    places: Sequence[Place],
    grid: dict[str, tuple[int, int]],
    title: str,
    *,
    width: int = 44,
) -> SafeString:
    """Tiles at grid positions (column, row), the short name and number on each."""
    size, gap = 44, 3
    columns = max(c for c, _r in grid.values()) + 1
    rows = max(r for _c, r in grid.values()) + 1
    parts = []
    for p in places:
        if p.code not in grid:
            continue
        x, y = grid[p.code][0] * (width + gap), grid[p.code][1] * (size + gap)
        tile = format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="4"/>{}{}',
            p.css,
            x,
            y,
            width,
            size,
            _text("map-name", x + width / 2, y + 18, p.name),
            _text("map-number", x + width / 2, y + 36, p.value),
        )
        parts.append(_place(p, tile))
    return _svg(name, columns * (width + gap), rows * (size + gap), title, _join(parts))


def district_grid(places: Sequence[Place]) -> dict[str, tuple[int, int]]:
    """A province without office positions: its districts in code order, four to a row."""
    ordered = sorted(p.code for p in places)
    return {code: (i % 4, i // 4) for i, code in enumerate(ordered)}


def province_grid() -> dict[str, tuple[int, int]]:
    return {code: (column, row) for code, (column, row, _abbr) in PROVINCE_TILES.items()}
