#!/usr/bin/env python3
"""Build core/src/datum/mainland.rs, the coarse outline of mainland China
that decides where the GCJ-02 offset applies.

Input: public/data/basemap.geojson (made by tools/basemap/make_basemap.py).
The 31 mainland province-level units (role "province", code not CN-HK,
CN-MO or CN-TW) are dissolved into one shape.  Parts far out at sea (the
South China Sea islands) are dropped; the mainland, Hainan and the islands
near the coast are kept.

The outline is then made coarse but generous:

  1. buffered outward by BUFFER_DEG, which takes in coastal waters and the
     islands near the coast and fills in bays and river mouths;
  2. simplified (Douglas-Peucker, SIMPLIFY_DEG), so it stays small.  As the
     buffer is wider than the tolerance, the simplified outline still covers
     all the land: the script checks that every vertex of the land lies at
     least MIN_MARGIN_DEG inside it;
  3. cut back around Hong Kong, Macau and Taiwan: their land plus a margin
     of CUT_MARGIN_DEG is removed, except mainland land itself, and that cut
     is simplified only finely (CUT_SIMPLIFY_DEG), so Shenzhen and Zhuhai
     stay inside and Hong Kong and Macau fall outside.  Pieces of water the
     cut leaves without any mainland land in them are dropped.

Land borders with other countries are not cut: the outline may reach up to
about BUFFER_DEG + SIMPLIFY_DEG (about 25 km) into a neighbouring country, so
twin border towns (Sinuiju, Lao Cai, Mong Cai, Blagoveshchensk) count as
inside.  That errs on the side of Chinese towns near a border, where the
locator's outlets are.

The script checks the result (validity after rounding to GRID, mainland land
covered, Hong Kong / Macau / Taiwan land not covered, a list of cities on
each side) and refuses to write if a check fails.  Output is deterministic.

Usage:
  pip install -r tools/datum/requirements.txt   # shapely==2.2.0
  python3 tools/datum/make_mainland.py [--basemap FILE] [--out FILE]
"""

import argparse
import json
import os
import sys

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BASEMAP = os.path.join(REPO_ROOT, "public", "data", "basemap.geojson")
DEFAULT_OUT = os.path.join(REPO_ROOT, "core", "src", "datum", "mainland.rs")

# Province-level units that do not use GCJ-02.
EXCLUDED = ("CN-HK", "CN-MO", "CN-TW")
# Outward buffer, degrees, and the segments per quarter circle of its corners.
BUFFER_DEG = 0.12
QUAD_SEGS = 4
# Douglas-Peucker tolerance of the buffered outline, degrees.
SIMPLIFY_DEG = 0.1
# Every vertex of the land must lie at least this far inside the outline.
MIN_MARGIN_DEG = 0.01
# Hong Kong, Macau and Taiwan: land plus this margin of water is cut out.
CUT_MARGIN_DEG = 0.015
CUT_SIMPLIFY_DEG = 0.005
# Land parts at least this large (square degrees) are kept with everything
# within KEEP_NEAR_DEG of them: the mainland and Hainan, and islands near
# their coasts.
MIN_CORE_PART_DEG2 = 1.0
KEEP_NEAR_DEG = 1.0
# Output grid: 0.001 degree (about 100 m).
GRID = 0.001
# Mainland land left outside after rounding and the fine cut may not exceed
# this (square degrees; 1e-3 is about 12 km2).
MAX_LAND_LOST_DEG2 = 1e-3
MAX_EXCLUDED_LAND_DEG2 = 1e-3

# (lat, lng) of places that must be inside / outside.
INSIDE = {
    "Beijing": (39.904, 116.407),
    "Shanghai": (31.230, 121.474),
    "Shenzhen": (22.543, 114.058),
    "Shenzhen Luohu": (22.548, 114.131),
    "Zhuhai": (22.271, 113.577),
    "Zhuhai Gongbei": (22.222, 113.552),
    "Guangzhou": (23.129, 113.264),
    "Urumqi": (43.825, 87.617),
    "Kashgar": (39.470, 75.990),
    "Lhasa": (29.652, 91.172),
    "Harbin": (45.757, 126.642),
    "Heihe": (50.245, 127.490),
    "Dandong": (40.000, 124.354),
    "Ruili": (24.013, 97.851),
    "Hekou": (22.529, 103.940),
    "Dongxing": (21.548, 107.972),
    "Manzhouli": (49.598, 117.379),
    "Erenhot": (43.653, 111.977),
    "Suifenhe": (44.397, 131.151),
    "Sanya": (18.253, 109.512),
    "Haikou": (20.044, 110.199),
    "Zhoushan": (29.985, 122.207),
    "Xiamen": (24.480, 118.089),
    "Qingdao": (36.067, 120.383),
    "Dalian": (38.914, 121.615),
}
OUTSIDE = {
    "Hong Kong Central": (22.282, 114.158),
    "Tsim Sha Tsui": (22.297, 114.172),
    "Sha Tin": (22.383, 114.188),
    "Tolo Harbour": (22.443, 114.215),
    "Ma On Shan": (22.425, 114.232),
    "Hong Kong airport": (22.308, 113.918),
    "Lamma Island": (22.209, 114.126),
    "Macau": (22.190, 113.543),
    "Taipa": (22.156, 113.557),
    "Taipei": (25.033, 121.565),
    "Kaohsiung": (22.627, 120.301),
    "Ulaanbaatar": (47.886, 106.906),
    "Seoul": (37.567, 126.978),
    "Pyongyang": (39.039, 125.762),
    "Hanoi": (21.028, 105.854),
    "Vladivostok": (43.116, 131.886),
    "Almaty": (43.238, 76.889),
    "Kathmandu": (27.717, 85.324),
    "Tokyo": (35.690, 139.692),
    "Manila": (14.599, 120.984),
    "Yangon": (16.840, 96.173),
}


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    mainland, excluded = [], []
    for feature in data["features"]:
        props = feature["properties"]
        if props.get("role") != "province":
            continue
        (excluded if props["code"] in EXCLUDED else mainland).append(shape(feature["geometry"]))
    if len(mainland) != 31 or len(excluded) != len(EXCLUDED):
        sys.exit(f"expected 31 mainland units and {len(EXCLUDED)} others, got {len(mainland)} and {len(excluded)}")
    return shapely.union_all(mainland), shapely.union_all(excluded)


def parts(geom):
    return list(getattr(geom, "geoms", [geom]))


def build(land, excluded):
    core = MultiPolygon([p for p in parts(land) if p.area >= MIN_CORE_PART_DEG2])
    kept = MultiPolygon([p for p in parts(land) if p.distance(core) <= KEEP_NEAR_DEG])
    dropped = len(parts(land)) - len(parts(kept))

    grown = shapely.buffer(kept, BUFFER_DEG, quad_segs=QUAD_SEGS)
    coarse = shapely.simplify(grown, SIMPLIFY_DEG, preserve_topology=True)
    vertices = shapely.points(shapely.get_coordinates(kept))
    if not shapely.covers(coarse, vertices).all():
        sys.exit("the simplified outline leaves land out: raise BUFFER_DEG")
    margin = float(shapely.distance(coarse.boundary, vertices).min())

    cut = shapely.difference(shapely.buffer(excluded, CUT_MARGIN_DEG, quad_segs=8), land)
    cut = shapely.simplify(cut, CUT_SIMPLIFY_DEG, preserve_topology=True)
    outline = shapely.difference(coarse, cut)
    # The cut can leave slivers of water that touch no mainland land (in
    # Hong Kong's Tolo Harbour, for one): drop them.
    outline = MultiPolygon([p for p in parts(outline) if p.intersection(kept).area > 0.0])
    return kept, dropped, outline, margin


def rounded(outline):
    """Polygons as lists of rings of (lng, lat) on the GRID, exterior first,
    sorted so the output is stable; rings closed, exteriors counter-clockwise."""
    polygons = []
    for poly in parts(shapely.normalize(shapely.set_precision(outline, GRID))):
        poly = shapely.geometry.polygon.orient(poly, 1.0)
        rings = [poly.exterior] + sorted(poly.interiors, key=lambda r: r.coords[0])
        polygons.append([[(round(x, 3), round(y, 3)) for x, y in ring.coords] for ring in rings])
    polygons.sort(key=lambda rings: -Polygon(rings[0], rings[1:]).area)
    return polygons


def check(polygons, kept, excluded, margin):
    geom = MultiPolygon([Polygon(rings[0], rings[1:]) for rings in polygons])
    problems = []
    if not geom.is_valid:
        problems.append(f"invalid after rounding: {shapely.is_valid_reason(geom)}")
    if margin < MIN_MARGIN_DEG:
        problems.append(f"land lies only {margin:.4f} degrees inside the outline: raise BUFFER_DEG")
    lost = shapely.difference(kept, geom).area
    if lost > MAX_LAND_LOST_DEG2:
        problems.append(f"{lost:.5f} square degrees of mainland land left outside")
    gained = shapely.intersection(excluded, geom).area
    if gained > MAX_EXCLUDED_LAND_DEG2:
        problems.append(f"{gained:.5f} square degrees of Hong Kong/Macau/Taiwan inside")
    for name, (lat, lng) in INSIDE.items():
        if not geom.covers(Point(lng, lat)):
            problems.append(f"{name} ({lat}, {lng}) should be inside")
    for name, (lat, lng) in OUTSIDE.items():
        if geom.intersects(Point(lng, lat)):
            problems.append(f"{name} ({lat}, {lng}) should be outside")
    return geom, lost, gained, problems


def fmt(v):
    s = f"{v:.3f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def render(polygons, bounds):
    n_vertices = sum(len(ring) for rings in polygons for ring in rings)
    out = [
        "// @generated by tools/datum/make_mainland.py from public/data/basemap.geojson.",
        "// Do not edit by hand: change the script and run it again.",
        "",
        "//! A coarse outline of mainland China (with Hainan and the islands near the",
        "//! coast, without Hong Kong, Macau and Taiwan), buffered outward by",
        f"//! {BUFFER_DEG} degrees and then simplified to {SIMPLIFY_DEG} degrees, so it",
        "//! errs on the side of inside over the sea and along land borders.",
        f"//! {len(polygons)} polygon(s), {n_vertices} vertices; `(lng, lat)` in degrees on a",
        f"//! {GRID} degree grid. See the script for how it is made and checked.",
        "",
        "/// West, south, east and north edges of [`POLYGONS`], in degrees.",
        "pub(super) const BBOX: [f64; 4] = [{}];".format(", ".join(fmt(v) for v in bounds)),
        "",
        "/// The polygons, largest first. Each is a list of rings: the exterior",
        "/// (counter-clockwise) then any holes; every ring is closed (its last",
        "/// point repeats its first) and lists `(lng, lat)` in degrees, GeoJSON order.",
        "#[rustfmt::skip]",
        "pub(super) const POLYGONS: &[&[&[(f64, f64)]]] = &[",
    ]
    per_line = 6
    for rings in polygons:
        out.append("    &[")
        for ring in rings:
            out.append("        &[")
            for i in range(0, len(ring), per_line):
                chunk = ring[i:i + per_line]
                out.append("            " + " ".join(f"({fmt(x)}, {fmt(y)})," for x, y in chunk))
            out.append("        ],")
        out.append("    ],")
    out.append("];")
    return "\n".join(out) + "\n", n_vertices


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--basemap", default=DEFAULT_BASEMAP, help="base map GeoJSON (input)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="Rust source to write")
    args = ap.parse_args()

    land, excluded = load(args.basemap)
    kept, dropped, outline, margin = build(land, excluded)
    polygons = rounded(outline)
    geom, lost, gained, problems = check(polygons, kept, excluded, margin)
    if problems:
        sys.exit("not written:\n  " + "\n  ".join(problems))
    text, n_vertices = render(polygons, geom.bounds)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(
        f"{args.out}: {len(polygons)} polygon(s), "
        f"{sum(len(r) - 1 for r in polygons)} hole(s), {n_vertices} vertices, {len(text)} bytes; "
        f"dropped {dropped} far-off island part(s); mainland land outside {lost:.5f} deg2, "
        f"HK/MO/TW land inside {gained:.5f} deg2; land at least {margin:.3f} deg inside (before the Hong Kong/Macau/Taiwan cut)"
    )


if __name__ == "__main__":
    main()
