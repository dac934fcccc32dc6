"""Charts drawn on the server as SVG: horizontal bars, monthly columns, one stacked bar.

No script and no style attribute (the Content-Security-Policy forbids inline styles):
sizes and positions are presentation attributes, colours are CSS classes
(static/dashboards/dashboards.css). Every bar carries its number in ``data-value``; the
page prints the same numbers in a table under each chart for screen readers and print.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 400  # the viewBox width; the SVG scales to its card


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""  # the number as shown (e.g. "12/19"); str(value) when empty
    css: str = ""  # an extra CSS class (a colour)
    note: str = ""  # words after the number in the table (too long for the drawing)
    top: float | None = None  # this bar's full length, when not the chart's (horizontal_bars)

    @property
    def number(self) -> str:
        """The value as the chart writes it in ``data-value``."""
        return _number(self.value)

    @property
    def text(self) -> str:
        return self.display or self.number


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _join(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _svg(height: int, name: str, title: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="chart" data-chart="{}" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        name,
        WIDTH,
        height,
        title,
        title,
        body,
    )


def _scale(value: float, top: float, span: float) -> float:
    return round(span * value / top, 1) if top > 0 else 0.0


def horizontal_bars(
    name: str, title: str, bars: Sequence[Bar], *, top: float | None = None
) -> SafeString:
    """One bar per row, its label above it and its number at its end; ``top`` is the full
    length (the largest value when not given)."""
    top = top if top is not None else max((b.value for b in bars), default=0)
    row, span = 40, WIDTH - 60
    parts = []
    for i, bar in enumerate(bars):
        y = i * row
        length = _scale(bar.value, top if bar.top is None else bar.top, span)
        parts.append(
            format_html(
                '<text class="chart-label" x="0" y="{}">{}</text>'
                '<rect class="chart-track" x="0" y="{}" width="{}" height="14" rx="3"/>'
                '<rect class="chart-bar {}" x="0" y="{}" width="{}" height="14" rx="3" '
                'data-value="{}"/>'
                '<text class="chart-value" x="{}" y="{}">{}</text>',
                y + 14,
                bar.label,
                y + 20,
                span,
                bar.css,
                y + 20,
                length,
                _number(bar.value),
                length + 6,
                y + 32,
                bar.text,
            )
        )
    return _svg(max(len(bars), 1) * row, name, title, _join(parts))


def columns(name: str, title: str, bars: Sequence[Bar]) -> SafeString:
    """One column per bar (the months of a fiscal year), the label under it, the number on it."""
    height, base, top_space = 180, 150, 20
    top = max((b.value for b in bars), default=0)
    step = WIDTH / max(len(bars), 1)
    width = round(step * 0.62, 1)
    parts = [
        format_html('<line class="chart-axis" x1="0" y1="{}" x2="{}" y2="{}"/>', base, WIDTH, base)
    ]
    for i, bar in enumerate(bars):
        h = _scale(bar.value, top, base - top_space)
        x = round(i * step + (step - width) / 2, 1)
        middle = round(i * step + step / 2, 1)
        parts.append(
            format_html(
                '<rect class="chart-bar {}" x="{}" y="{}" width="{}" height="{}" data-value="{}"/>'
                '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text class="chart-label chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                bar.css,
                x,
                round(base - h, 1),
                width,
                h,
                _number(bar.value),
                middle,
                round(base - h - 4, 1),
                bar.text,
                middle,
                base + 18,
                bar.label,
            )
        )
    return _svg(height, name, title, _join(parts))


def stacked_bar(name: str, title: str, bars: Sequence[Bar]) -> SafeString:
    """One bar split into its parts, each part's colour, name and number in a legend under it."""
    total = sum(b.value for b in bars)
    parts, x = [], 0.0
    for bar in bars:
        length = _scale(bar.value, total, WIDTH)
        parts.append(
            format_html(
                '<rect class="chart-bar {}" x="{}" y="0" width="{}" height="28" data-value="{}"/>',
                bar.css,
                round(x, 1),
                length,
                _number(bar.value),
            )
        )
        x += length
    legend = format_html_join(
        "",
        '<rect class="chart-bar {}" x="0" y="{}" width="14" height="14" rx="2"/>'
        '<text class="chart-label" x="22" y="{}">{} · {}</text>',
        ((b.css, 40 + i * 24, 52 + i * 24, b.label, b.text) for i, b in enumerate(bars)),
    )
    body = format_html(
        '<rect class="chart-track" x="0" y="0" width="{}" height="28"/>{}{}',
        WIDTH,
        _join(parts),
        legend,
    )
    return _svg(40 + len(bars) * 24, name, title, body)
