"""Figures for the report, drawn offline with matplotlib and returned as PNG bytes."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from borderwatch.model import Assessment, Event  # noqa: E402

TYPE_COLOURS = {
    "movement": "#d62728", "deployment": "#ff7f0e", "exercise": "#1f77b4", "mobilization": "#9467bd",
    "construction": "#8c564b", "strike": "#000000", "statement": "#7f7f7f", "assessment": "#17becf",
}
WATCHED = "BY-UA"
KM_LAT = 110.57


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _bands(line, kms=(20, 60)):
    """Outlines at fixed distances from a border line (drawn in a local km projection)."""
    from shapely.geometry import LineString, MultiLineString

    lat0 = 52.0
    kx = 111.32 * math.cos(math.radians(lat0))
    parts = [LineString([(lon * kx, lat * KM_LAT) for lat, lon in zip(lats, lons)])
             for lats, lons in line.parts if len(lats) > 1]
    geom = MultiLineString(parts)
    out = {}
    for km in kms:
        boundary = geom.buffer(km, quad_segs=8).boundary
        rings = getattr(boundary, "geoms", [boundary])
        out[km] = [([x / kx for x, _ in r.coords], [y / KM_LAT for _, y in r.coords]) for r in rings]
    return out


def event_map(events: list[Event], numbers: dict[str, int] | None = None, extent=(23.0, 33.0, 50.4, 54.2)) -> bytes:
    """The period's located events over the region's borders, with the watched border, bands at
    20 and 60 km from it, and each event's number and distance to the border."""
    from borderwatch.geo.borders import default_borders

    numbers = numbers or {}
    fig, ax = plt.subplots(figsize=(9, 6.4))
    borders = default_borders()
    for line_id, line in borders.lines.items():
        for lats, lons in line.parts:
            ax.plot(lons, lats, color="#b22222" if line_id == WATCHED else "#888888",
                    linewidth=2.2 if line_id == WATCHED else 0.8, zorder=1)
    if WATCHED in borders.lines:
        for km, rings in _bands(borders.lines[WATCHED]).items():
            for i, (xs, ys) in enumerate(rings):
                ax.plot(xs, ys, color="#b22222", linewidth=0.7, linestyle=(0, (4, 3)) if km == 20 else ":",
                        alpha=0.7, zorder=1, label=f"{km} km from the border" if i == 0 else None)
    seen, placed = set(), []
    for e in sorted(events, key=lambda e: e.credibility, reverse=True):
        if e.lat is None or e.lon is None or not (extent[0] <= e.lon <= extent[1] and extent[2] <= e.lat <= extent[3]):
            continue
        size = {1: 120, 2: 90, 3: 60}.get(e.credibility, 35)
        ax.scatter(e.lon, e.lat, s=size, color=TYPE_COLOURS.get(e.type, "#444444"), edgecolor="white", linewidth=0.8,
                   zorder=3, alpha=0.9, label=e.type if e.type not in seen else None)
        seen.add(e.type)
        label = f"#{numbers.get(e.id, '?')}" + (f" {e.border_km:.0f} km" if e.border_km is not None else "")
        # Push labels of nearby events apart so a cluster stays readable.
        dy = 5 + 9 * sum(1 for x, y in placed if abs(x - e.lon) < 0.35 and abs(y - e.lat) < 0.12)
        placed.append((e.lon, e.lat))
        ax.annotate(label, (e.lon, e.lat), xytext=(6, dy - 5), textcoords="offset points", fontsize=7, zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(1 / math.cos(math.radians(52)))  # equal distances at 52°N
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.text(0.01, 0.01, "Borders: DCW (LGPL). Places: GeoNames (CC BY 4.0). Red: the Belarus–Ukraine border. "
            "Labels: event number and distance to the nearest border.", transform=ax.transAxes, fontsize=6.5,
            color="#555555")
    ax.legend(loc="upper right", fontsize=7.5, frameon=True)
    ax.set_title("Located events of the period (larger marker: better credibility)")
    ax.grid(alpha=0.25)
    return _png(fig)


def timeline(events: list[Event], history: list[Assessment] | None = None) -> bytes:
    """Events per day by type, with the headline probability of each day on a second axis."""
    fig, ax = plt.subplots(figsize=(9, 3.0))
    days = sorted({e.first_seen.date() for e in events if e.first_seen})
    bottoms = Counter()
    for etype, colour in TYPE_COLOURS.items():
        counts = Counter(e.first_seen.date() for e in events if e.first_seen and e.type == etype)
        if not counts:
            continue
        ys = [counts.get(d, 0) for d in days]
        ax.bar(days, ys, bottom=[bottoms[d] for d in days], color=colour, label=etype, width=0.8)
        for d in days:
            bottoms[d] += counts.get(d, 0)
    ax.set_ylabel("events")
    ax.grid(axis="y", alpha=0.25)
    if history:
        ax2 = ax.twinx()
        xs = [a.as_of for a in history]
        ax2.plot(xs, [a.hypotheses[a.focus] * 100 for a in history], color="#111111", marker="o", markersize=3,
                 linewidth=1.6, label=f"P({history[-1].focus})")
        ax2.set_ylabel(f"P({history[-1].focus}) %")
        ax2.set_ylim(0, max(25, max(a.hypotheses[a.focus] * 100 for a in history) * 1.2))
        ax2.legend(fontsize=7, loc="upper right")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_title("Events by day and type" + (", and the probability each day" if history else ""))
    if events:
        ax.legend(fontsize=7, ncol=4, loc="upper left")
    return _png(fig)


def probability_series(series: list[Assessment]) -> bytes:
    """A backtest: each hypothesis' probability by day, with the ICD 203 bands behind."""
    from borderwatch.assess.scoring import BANDS

    fig, ax = plt.subplots(figsize=(9, 3.6))
    low = 0.0
    for i, (high, phrase) in enumerate(BANDS):
        ax.axhspan(low * 100, min(high, 1) * 100, color="#f2f2f2" if i % 2 else "#ffffff", zorder=0)
        ax.text(1.005, (low + min(high, 1)) / 2, phrase, transform=ax.get_yaxis_transform(), fontsize=6.5,
                va="center", color="#666666")
        low = high
    xs = [a.as_of for a in series]
    for h in series[0].hypotheses if series else []:
        ax.plot(xs, [a.hypotheses[h] * 100 for a in series], marker="o", markersize=3, linewidth=1.8 if h == series[0].focus else 1,
                label=h)
    ax.set_ylim(0, 100)
    ax.set_ylabel("probability %")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    if series:
        ax.set_title(f"{series[0].problem}: daily assessment from what was known each day")
        ax.legend(fontsize=8, loc="upper left")
        ax.set_xlim(xs[0] - dt.timedelta(hours=12), xs[-1] + dt.timedelta(hours=12))
    ax.grid(axis="y", alpha=0.25)
    return _png(fig)
