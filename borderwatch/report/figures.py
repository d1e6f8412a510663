"""Figures for the report, drawn offline with matplotlib and returned as PNG bytes."""

from __future__ import annotations

import io
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from borderwatch.model import Event, Observation  # noqa: E402

TYPE_COLOURS = {
    "movement": "#d62728", "deployment": "#ff7f0e", "exercise": "#1f77b4", "mobilization": "#9467bd",
    "construction": "#8c564b", "strike": "#000000", "statement": "#7f7f7f", "assessment": "#17becf",
}
WATCHED = "BY-UA"


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def event_map(observations: list[Observation], extent=(22.5, 33.5, 50.0, 54.5)) -> bytes:
    """Located observations over the region's borders, the watched border drawn bold."""
    from borderwatch.geo.borders import default_borders

    fig, ax = plt.subplots(figsize=(8.5, 6.2))
    for line_id, line in default_borders().lines.items():
        for lats, lons in line.parts:
            ax.plot(lons, lats, color="#b22222" if line_id == WATCHED else "#888888",
                    linewidth=2.2 if line_id == WATCHED else 0.8, zorder=1)
    seen_types = set()
    labelled = set()
    for o in observations:
        for p in o.locations:
            if p.lat is None or (p.precision or 3) >= 3:
                continue
            if not (extent[0] <= p.lon <= extent[1] and extent[2] <= p.lat <= extent[3]):
                continue
            ax.scatter(p.lon, p.lat, s=60, color=TYPE_COLOURS[o.type], edgecolor="white", linewidth=0.8,
                       zorder=3, label=o.type if o.type not in seen_types else None, alpha=0.9)
            seen_types.add(o.type)
            name = p.name or p.text
            if name not in labelled:
                label = name + (f" ({p.border_km:.0f} km)" if p.border_km is not None and p.border == WATCHED else "")
                ax.annotate(label, (p.lon, p.lat), xytext=(4, 4), textcoords="offset points", fontsize=7.5, zorder=4)
                labelled.add(name)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect(1 / 0.64)  # roughly equal distances at 52°N
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.text(0.01, 0.01, "Borders: DCW (LGPL). Places: GeoNames (CC BY 4.0). Red: BY-UA border, distances in brackets.",
            transform=ax.transAxes, fontsize=6.5, color="#555555")
    if seen_types:
        ax.legend(loc="upper right", fontsize=8, frameon=True)
    ax.set_title("Located observations")
    ax.grid(alpha=0.25)
    return _png(fig)


def timeline(events: list[Event]) -> bytes:
    """Events per day by type."""
    fig, ax = plt.subplots(figsize=(8.5, 2.8))
    days = sorted({e.first_seen.date() for e in events if e.first_seen})
    bottoms = Counter()
    for etype, colour in TYPE_COLOURS.items():
        counts = Counter(e.first_seen.date() for e in events if e.first_seen and e.type == etype)
        if not counts:
            continue
        xs = days
        ys = [counts.get(d, 0) for d in xs]
        ax.bar(xs, ys, bottom=[bottoms[d] for d in xs], color=colour, label=etype, width=0.8)
        for d in xs:
            bottoms[d] += counts.get(d, 0)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_ylabel("events")
    ax.set_title("Events by day and type")
    if events:
        ax.legend(fontsize=7, ncol=4, loc="upper left")
    ax.grid(axis="y", alpha=0.25)
    return _png(fig)
