"""One-off maintainer tool: export borders.geojson from GMT's copy of the DCW.

Not used at run time, and not needed by users: the output file is committed. Run it
again only to change which countries or borders are shipped:

    apt-get install -y gmt gmt-dcw          # Debian packages, once
    python borderwatch/geo/data/make_borders.py [--out PATH] [--tolerance DEG]

It asks ``gmt coast -E<CC> -M`` for each country outline (the Digital Chart of the
World, ~1:1,000,000, as packaged in gmt-dcw, LGPL), finds the line two neighbours share
(the part of one outline within ~300 m of the other), simplifies it and writes one
GeoJSON FeatureCollection: a LineString/MultiLineString per border ("BY-UA") and a
simplified Polygon/MultiPolygon per country (for "which country is this point in").
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
from pathlib import Path

from shapely import make_valid
from shapely.geometry import LineString, MultiLineString, Polygon, box, mapping
from shapely.ops import linemerge, unary_union

COUNTRIES = ("BY", "UA", "RU", "PL", "LT", "LV", "MD")
# Only the part of Russia near the watched borders (and Kaliningrad) is kept.
CLIP = box(12.0, 41.0, 48.0, 62.0)
SNAP_DEG = 0.003  # ~300 m: DCW neighbours share vertices, this only absorbs rounding
OUT = Path(__file__).with_name("borders.geojson")
ATTRIBUTION = (
    "Digital Chart of the World (DCW) country outlines as packaged in gmt-dcw "
    "(https://www.soest.hawaii.edu/pwessel/dcw/), LGPL-3.0-or-later; shared border lines "
    "derived and simplified by borderwatch/geo/data/make_borders.py"
)


def gmt_version(package: str) -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def outline(code: str):
    text = subprocess.run(["gmt", "coast", f"-E{code}", "-M"], capture_output=True, text=True, check=True).stdout
    rings: list[list[tuple[float, float]]] = []
    for line in text.splitlines():
        if line.startswith(">"):
            rings.append([])
        elif line.strip():
            lon, lat = map(float, line.split()[:2])
            rings[-1].append((lon, lat))
    polys = [make_valid(Polygon(r)) for r in rings if len(r) >= 4]
    return unary_union(polys).intersection(CLIP)


def shared_line(a, b, tolerance: float):
    line = a.boundary.intersection(b.buffer(SNAP_DEG))
    parts = [g for g in getattr(line, "geoms", [line]) if isinstance(g, LineString) and g.length > SNAP_DEG]
    if not parts:
        return None
    merged = linemerge(MultiLineString(parts))
    return merged.simplify(tolerance, preserve_topology=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=0.0005, help="line simplification, degrees")
    parser.add_argument("--polygon-tolerance", type=float, default=0.01, help="outline simplification, degrees")
    args = parser.parse_args()

    shapes = {code: outline(code) for code in COUNTRIES}
    features = []
    for a, b in itertools.combinations(COUNTRIES, 2):
        if not shapes[a].buffer(SNAP_DEG).intersects(shapes[b]):
            continue
        line = shared_line(shapes[a], shapes[b], args.tolerance)
        if line is None or line.is_empty:
            continue
        features.append({"type": "Feature", "id": f"{a}-{b}",
                         "properties": {"id": f"{a}-{b}", "kind": "border", "countries": [a, b]},
                         "geometry": mapping(line)})
    for code, shape in shapes.items():
        features.append({"type": "Feature", "id": code,
                         "properties": {"id": code, "kind": "country",
                                        "clipped": code == "RU"},
                         "geometry": mapping(shape.simplify(args.polygon_tolerance))})
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "attribution": ATTRIBUTION,
            "license": "LGPL-3.0-or-later",
            "source": f"gmt-dcw {gmt_version('gmt-dcw')} via gmt {gmt_version('gmt')}",
            "line_tolerance_deg": args.tolerance,
            "polygon_tolerance_deg": args.polygon_tolerance,
        },
        "features": features,
    }
    text = json.dumps(collection, separators=(",", ":"))
    # Five decimals (~1 m) is far below the source's own accuracy.
    import re
    text = re.sub(r"(\d+\.\d{5})\d+", r"\1", text)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(text) / 1024:.0f} KiB, {len(features)} features)")


if __name__ == "__main__":
    main()
