"""Charts as inline SVG, rendered on the server: no JavaScript, no assets, nothing fetched.

Three shapes cover the dashboard: stacked columns (calls per week and queue), lines (findings
per entity type per week) and horizontal bars (topics, call length). Text goes through
`html.escape`; every chart carries a <title> for screen readers.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

PALETTE = ["#2f6db5", "#e07b39", "#3a9d5d", "#c2404a", "#8060b0", "#8c6d4f", "#d16ba5", "#6b7b8c", "#b5a33a", "#2fa3b5"]
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 40


def _nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`."""
    power = 10 ** math.floor(math.log10(value))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= value)


def _axis(value: float) -> tuple[float, int]:
    """A round axis maximum at or above `value` and how many grid steps it has (about four)."""
    if value <= 0:
        return 1.0, 1
    step = max(1.0, _nice_step(value / 4))  # counts: no fractional grid lines
    ticks = max(1, math.ceil(value / step))
    return step * ticks, ticks


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if value >= 10 or value == int(value) else f"{value:.1f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _y_axis(top: float, plot_h: float, width: int, ymax: float, ticks: int) -> list[str]:
    out = []
    for i in range(ticks + 1):
        value = ymax * i / ticks
        y = top + plot_h - plot_h * i / ticks
        out.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_fmt(value)}</text>'
        )
    return out


def _x_labels(labels: list[str], x_of, bottom_y: float) -> list[str]:
    every = max(1, len(labels) // 12)  # at most ~12 labels, so they never overlap
    return [
        f'<text x="{x_of(i):.1f}" y="{bottom_y + 16:.1f}" text-anchor="middle" class="tick">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def _legend(names: list[str], width: int, y: float) -> list[str]:
    out, x = [], LEFT
    for i, name in enumerate(names):
        if x > LEFT and x + _legend_width(name) > width - RIGHT:
            x, y = LEFT, y + 14
        out.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{y}" class="legend">{escape(name)}</text>'
        )
        x += _legend_width(name)
    return out


def _legend_width(name: str) -> int:
    return 24 + 8 * len(name)


def _legend_height(names, width: int) -> int:
    rows, x = 1, LEFT
    for name in names:
        if x > LEFT and x + _legend_width(name) > width - RIGHT:
            rows, x = rows + 1, LEFT
        x += _legend_width(name)
    return 14 * rows


def stacked_columns(
    labels: list[str], series: dict[str, list[float]], title: str, width: int = 720, height: int = 260
) -> Markup:
    """One column per label, one coloured part per series (e.g. calls per week, split by queue)."""
    if not labels:
        return Markup('<p class="empty">No data.</p>')
    legend_h = _legend_height(series, width)
    plot_h = height - TOP - BOTTOM - legend_h
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    ymax, ticks = _axis(max(totals))
    slot = (width - LEFT - RIGHT) / len(labels)
    bar = max(1.0, slot * 0.8)
    body = _y_axis(TOP, plot_h, width, ymax, ticks)
    for i in range(len(labels)):
        base = TOP + plot_h
        for k, (name, values) in enumerate(series.items()):
            h = plot_h * values[i] / ymax
            if h <= 0:
                continue
            base -= h
            body.append(
                f'<rect x="{LEFT + i * slot + (slot - bar) / 2:.1f}" y="{base:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(labels[i])} '
                f"{escape(name)}: {_fmt(values[i])}</title></rect>"
            )
    body += _x_labels(labels, lambda i: LEFT + (i + 0.5) * slot, TOP + plot_h)
    body += _legend(list(series), width, TOP + plot_h + 36)
    return _svg(width, height, title, body)


def lines(labels: list[str], series: dict[str, list[float]], title: str, width: int = 720, height: int = 260) -> Markup:
    """One line per series over the labels (e.g. findings per entity type per week)."""
    if not labels:
        return Markup('<p class="empty">No data.</p>')
    legend_h = _legend_height(series, width)
    plot_h = height - TOP - BOTTOM - legend_h
    ymax, ticks = _axis(max((v for values in series.values() for v in values), default=0))
    step = (width - LEFT - RIGHT) / max(1, len(labels) - 1)

    def x_of(i: int) -> float:
        return LEFT + i * step if len(labels) > 1 else LEFT + (width - LEFT - RIGHT) / 2

    body = _y_axis(TOP, plot_h, width, ymax, ticks)
    for k, (name, values) in enumerate(series.items()):
        points = " ".join(f"{x_of(i):.1f},{TOP + plot_h - plot_h * v / ymax:.1f}" for i, v in enumerate(values))
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{PALETTE[k % len(PALETTE)]}" '
            f'stroke-width="2"><title>{escape(name)}</title></polyline>'
        )
        if len(values) == 1:
            x, y = points.split(",")
            body.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{PALETTE[k % len(PALETTE)]}"/>')
    body += _x_labels(labels, x_of, TOP + plot_h)
    body += _legend(list(series), width, TOP + plot_h + 36)
    return _svg(width, height, title, body)


def bars(labels: list[str], values: list[float], title: str, width: int = 720, row: int = 20) -> Markup:
    """Horizontal bars with their value (e.g. top topics, calls per length bucket)."""
    if not labels:
        return Markup('<p class="empty">No data.</p>')
    label_w = min(220, 10 + 7 * max(len(label) for label in labels))
    vmax = max(values) or 1
    plot_w = width - label_w - 70
    body = []
    for i, (label, value) in enumerate(zip(labels, values)):
        y = TOP + i * row
        w = plot_w * value / vmax
        body.append(
            f'<text x="{label_w - 6}" y="{y + row * 0.7:.1f}" text-anchor="end" class="tick">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 4}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + row * 0.7:.1f}" class="tick">{_fmt(value)}</text>'
        )
    return _svg(width, TOP + row * len(labels) + 8, title, body)
