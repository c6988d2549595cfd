#!/usr/bin/env python3
"""Derive admin_units.tsv, levant.tsv and admin_codes.tsv from the gazetteer
sources folder (shared/data/gazetteer-sources, see its PROVENANCE.md).

Inputs:
  * irq_codab/   OCHA COD-AB Iraq 2019-06-03: adm1/adm2/adm3 shapefiles (read
                 with pyshp, unpacked by rebuild.sh) and irq_codab_adm123_points.tsv
  * opensyria/   OpenSyria data-geography: governorates/districts/subdistricts.json
  * wof/         Who's On First extract wof_levant_places_ar.tsv
  * gazetteer/places.tsv, curated.tsv, borders.geojson (already built)

Outputs (in the gazetteer/ folder, see SOURCES.md for the rules):
  * admin_units.tsv -- Iraqi and Syrian administrative units with P-codes
  * levant.tsv      -- WOF places with Arabic names not already in the gazetteer
  * admin_codes.tsv -- admin1/admin2/admin3 P-codes of every SY and IQ row

Every collection is sorted before it is written, so two runs over the same
inputs give byte-identical files.  Standard library plus pyshp only.

Usage: import_sources.py --sources DIR --pyshp DIR --gazetteer DIR
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import (  # noqa: E402  (shared helpers of the main build)
    HEADER, choose_name_ar, clean_field, fold_latin, haversine_km, is_arabic_script,
    point_lines_km, point_segment_km,
)
from wordfreq_names import fold  # noqa: E402  (hudud's own Arabic folding)

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

UNIT_HEADER = [
    "id", "pcode", "level", "country", "name_ar", "name_en", "alt_ar", "alt_latin",
    "lat", "lon", "parent_pcode", "iso_admin1", "geonameid", "source",
]
LEVANT_HEADER = HEADER + ["wof_id"]
CODES_HEADER = ["id", "admin1_pcode", "admin2_pcode", "admin3_pcode"]

IRQ_SOURCE = "OCHA COD-AB Iraq 2019-06-03"
SYR_SOURCE = "OpenSyria data-geography (OCHA P-codes)"
IRQ_SHP = "irq_codab/irq_admbnda_adm{level}_cso_20190603"
IRQ_POINTS = "irq_codab/irq_codab_adm123_points.tsv"
SYR_FILES = ("opensyria/governorates.json", "opensyria/districts.json",
             "opensyria/subdistricts.json")
WOF_FILE = "wof/wof_levant_places_ar.tsv"
EXPECTED_UNITS = {("IQ", 1): 18, ("IQ", 2): 101, ("IQ", 3): 294,
                  ("SY", 1): 14, ("SY", 2): 62, ("SY", 3): 272}

# Words that name the kind of unit, not the unit ("قضاء سنجار" is سنجار).
UNIT_PREFIXES = ("قضاء ", "ناحية ", "محافظة ", "منطقة ")
# Words WOF sometimes writes before a place name ("قرية الباغوز").
WOF_PREFIXES = ("قرية ", "ناحية ", "قضاء ", "مركز ", "بلدة ", "مدينة ", "حي ", "محافظة ")
MARKAZ = "مركز "

WOF_COUNTRIES = ("SY", "IQ", "JO", "LB", "TR")
TR_BORDER_KM = 100.0
TR_BORDER_IDS = ("sy-tr", "iq-tr")
SAME_PLACE_KM = 3.0        # a WOF row this close to an existing row of the same name is that row
WOF_DUPLICATE_KM = 1.0     # two WOF rows of the same name this close are one place
ADMIN_NAME_KM = 30.0       # JO/LB/TR county/region rows: an existing row this close wins
IRQ_NEAREST_KM = 5.0       # a point outside every adm3 polygon: nearest polygon within this

# WOF region names that fold to no places.tsv admin1 name (spelling differences).
REGION_ALIASES = {("IQ", "اربيل"): "IQ-AR", ("LB", "الشمال"): "LB-AS",
                  ("LB", "الجنوب"): "LB-JA"}
# WOF county names (folded Latin) that do not match an OpenSyria district name.
COUNTY_ALIASES = {"rural damascus": "SY0301", "jebel saman": "SY0200", "quamishli": "SY0202",
                  "menbij": "SY0205", "tartous": "SY1000", "idleb": "SY0700",
                  "al ma'ra": "SY0702", "al makhrim": "SY0406", "tadmor": "SY0405"}

_ARABIC_MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
                           "\u200B-\u200F\u061C\uFEFF\u202A-\u202E]")
_LATIN_ADMIN_WORDS = re.compile(r"\b(governorate|district|subdistrict|sub-district|nahiyat|"
                                r"nahiya|mintaqat|muhafazat|qada)\b", re.I)

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def clean_arabic(s: str) -> str:
    """Remove harakat, tatweel and invisible marks; collapse whitespace."""
    return clean_field(_ARABIC_MARKS.sub("", unicodedata.normalize("NFC", s or "")))


def strip_prefix(name: str, prefixes) -> str:
    """Drop leading administrative words ("مركز ناحية سندي" -> "سندي")."""
    stripped = True
    while stripped:
        stripped = False
        for p in prefixes:
            if name.startswith(p) and len(name) > len(p):
                name, stripped = name[len(p):].strip(), True
    return name


def letter_count(s: str) -> int:
    """Number of letters in s."""
    return sum(1 for ch in s if unicodedata.category(ch)[0] == "L")


def usable_arabic(s: str) -> bool:
    """Arabic script, at least two letters, no lone split-off letter."""
    return is_arabic_script(s) and letter_count(s) >= 2


def dedupe_variants(name: str, variants) -> list[str]:
    """Variants whose folded form differs from the name's and from each other.

    Among spellings that fold alike the one with the fewest letters outside
    the core Arabic alphabet is kept (Kurdish ێ/ۆ forms lose to Arabic ones).
    """
    def score(v):
        return (sum(1 for ch in v if not (0x0621 <= ord(ch) <= 0x064A or ch == " ")), v)
    best: dict[str, str] = {}
    for v in variants:
        k = fold(v)
        if k and k != fold(name) and (k not in best or score(v) < score(best[k])):
            best[k] = v
    return sorted(best.values())


def latin_key(s: str) -> str:
    """Loose Latin key: lower case, no diacritics, no article, letters only."""
    s = re.sub(r"[^a-z ]", "", fold_latin(s).replace("-", " "))
    s = re.sub(r"^(al|el|ar|as|at|ad|az|an|ash|ath|adh) ", "", " ".join(s.split()))
    return s.replace(" ", "")


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict]:
    """Rows of a TAB-separated file with a header ('#' comment lines skipped)."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_gazetteer(gdir: Path) -> list[dict]:
    """places.tsv then curated.tsv, one row per id (the places.tsv row first)."""
    rows, seen = [], set()
    for name in ("places.tsv", "curated.tsv"):
        for r in read_tsv(gdir / name):
            if r["id"] not in seen:
                seen.add(r["id"])
                rows.append(r)
    return rows


def read_border_lines(path: Path, ids) -> list[list]:
    """[lon, lat] lines of the border features with the given ids."""
    lines = []
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        if f["properties"].get("kind") == "border" and f["properties"]["id"] in ids:
            g = f["geometry"]
            lines.extend([g["coordinates"]] if g["type"] == "LineString" else g["coordinates"])
    assert len(lines) >= len(ids), f"border lines {ids} missing"
    return lines


# ---------------------------------------------------------------------------
# Geometry: Iraqi adm3 polygons
# ---------------------------------------------------------------------------


class Polygons:
    """Shapefile polygons (multipart, with holes) with a point-in-polygon test.

    A shapefile polygon is a list of rings; with the even-odd rule a point is
    inside when a ray from it crosses the rings an odd number of times, which
    handles several outer rings and holes alike.
    """

    def __init__(self):
        self.items = []  # (key, bbox, rings)

    def add(self, key, shape) -> None:
        """Add one pyshp shape under key."""
        pts = [(float(x), float(y)) for x, y in shape.points]
        bounds = list(shape.parts) + [len(pts)]
        rings = [pts[a:b] for a, b in zip(bounds, bounds[1:])]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        self.items.append((key, (min(xs), min(ys), max(xs), max(ys)), rings))

    @staticmethod
    def crossings(x: float, y: float, ring) -> int:
        """Ray casting: edges of ring crossed by the ray from (x, y) to +x."""
        n = 0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                n += 1
        return n

    def containing(self, lon: float, lat: float):
        """Key of the polygon containing the point, or None."""
        for key, (x0, y0, x1, y1), rings in self.items:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                if sum(self.crossings(lon, lat, r) for r in rings) % 2 == 1:
                    return key
        return None

    def nearest(self, lon: float, lat: float, max_km: float):
        """Key of the polygon whose edge is nearest, if within max_km."""
        pad = max_km / 80.0  # degrees; generous at Iraqi latitudes
        best, best_key = max_km, None
        for key, (x0, y0, x1, y1), rings in self.items:
            if x0 - pad <= lon <= x1 + pad and y0 - pad <= lat <= y1 + pad:
                for ring in rings:
                    for a, b in zip(ring, ring[1:] + ring[:1]):
                        d = point_segment_km(lat, lon, a, b)
                        if d < best:
                            best, best_key = d, key
        return best_key

    def locate(self, lon: float, lat: float, max_km: float):
        """The containing polygon, else the nearest one within max_km."""
        return self.containing(lon, lat) or self.nearest(lon, lat, max_km)


# ---------------------------------------------------------------------------
# Administrative units
# ---------------------------------------------------------------------------


def unit_names(name: str, variants) -> tuple[str, list[str]]:
    """Bare unit name and its other Arabic spellings.

    Prefix words (قضاء, ناحية, محافظة, منطقة) are dropped.  A unit called
    "مركز X" keeps that name and only "مركز ..." variants, because bare X is
    the town; any other unit gets no "مركز ..." variant (that is the seat's
    sub-district, a different unit).
    """
    name = strip_prefix(clean_arabic(name), UNIT_PREFIXES)
    alts = []
    for v in variants:
        v = strip_prefix(clean_arabic(v), UNIT_PREFIXES)
        if not usable_arabic(v) or v.startswith("مركزها"):
            continue
        if v.startswith(MARKAZ) == name.startswith(MARKAZ):
            alts.append(v)
    return name, dedupe_variants(name, alts)


def unit_latin(name_ar: str, name_en: str, aliases) -> tuple[str, list[str]]:
    """Latin name and variants, following the Arabic مركز rule."""
    markaz = name_ar.startswith(MARKAZ)
    if markaz and not name_en.lower().startswith("markaz"):
        name_en = "Markaz " + name_en
    out = set()
    for a in aliases:
        a = clean_field(a)
        if (not a or a == name_en or a.islower() or _LATIN_ADMIN_WORDS.search(a)
                or a.lower().startswith("markaz") != markaz):
            continue
        out.add(a)
    return name_en, sorted(out)


def iso_by_name(gaz_rows: list[dict], country: str) -> dict[str, str]:
    """Folded governorate names of places.tsv admin1 rows -> ISO code."""
    out = {}
    for r in gaz_rows:
        if r["country"] == country and r["feature_type"] == "admin1" and r["admin1"]:
            for n in [r["name_ar"]] + r["alt_ar"].split("|"):
                if n:
                    out[fold(strip_prefix(n, UNIT_PREFIXES))] = r["admin1"]
    return out


def iraq_units(src: Path, shapefile, gaz_rows: list[dict]):
    """Iraqi adm1-3 rows and the adm3 polygons (keyed by adm3 P-code)."""
    points = {r["pcode"]: r for r in read_tsv(src / IRQ_POINTS)}
    units, polygons = [], Polygons()
    for level in (1, 2, 3):
        reader = shapefile.Reader(str(src / IRQ_SHP.format(level=level)), encoding="utf-8")
        for sr in reader.iterShapeRecords():
            d = sr.record.as_dict()
            p = f"ADM{level}"
            pcode = d[f"{p}_PCODE"]
            variants = [d[f"{p}ALT1AR"], d[f"{p}ALT2AR"]] + points[pcode]["alt_ar"].split("|")
            name_ar, alt_ar = unit_names(d[f"{p}_AR"], variants)
            name_en, alt_latin = unit_latin(name_ar, clean_field(d[f"{p}_EN"]),
                                            [d[f"{p}ALT1EN"], d[f"{p}ALT2EN"]])
            units.append({
                "id": f"pc:{pcode}", "pcode": pcode, "level": level, "country": "IQ",
                "name_ar": name_ar, "name_en": name_en, "alt_ar": alt_ar, "alt_latin": alt_latin,
                "lat": float(points[pcode]["lat"]), "lon": float(points[pcode]["lon"]),
                "parent_pcode": d[f"ADM{level - 1}_PCODE"] if level > 1 else "",
                "adm1": d["ADM1_PCODE"], "adm2": d.get("ADM2_PCODE", ""),
                "adm3": d.get("ADM3_PCODE", ""), "iso_admin1": "", "geonameid": "",
                "source": IRQ_SOURCE})
            if level == 3:
                polygons.add(pcode, sr.shape)
    assign_iraq_iso(units, polygons, gaz_rows)
    return units, polygons


def assign_iraq_iso(units: list[dict], polygons: Polygons, gaz_rows: list[dict]) -> None:
    """Give every Iraqi unit the ISO code of its governorate.

    The code is found by name (places.tsv admin1 rows and their variants) and
    checked against the polygon that contains the admin1 row's point; the
    two must agree, and all 18 governorates must get a code.
    """
    by_name = iso_by_name(gaz_rows, "IQ")
    adm1_of_adm3 = {u["pcode"]: u["adm1"] for u in units if u["level"] == 3}
    by_point = {}
    for r in gaz_rows:
        if r["country"] == "IQ" and r["feature_type"] == "admin1" and r["admin1"]:
            adm3 = polygons.locate(float(r["lon"]), float(r["lat"]), IRQ_NEAREST_KM)
            by_point[adm1_of_adm3[adm3]] = r["admin1"]
    iso = {}
    for u in units:
        if u["level"] == 1:
            named = by_name.get(fold(u["name_ar"]))
            iso[u["pcode"]] = named or by_point.get(u["pcode"], "")
            if named and by_point.get(u["pcode"]) not in (None, named):
                sys.exit(f"{u['pcode']}: name says {named}, point says {by_point[u['pcode']]}")
    missing = sorted(p for p, c in iso.items() if not c)
    if missing or len(set(iso.values())) != 18:
        sys.exit(f"Iraqi governorates without a distinct ISO code: {missing} {iso}")
    for u in units:
        u["iso_admin1"] = iso[u["adm1"]]


def syria_units(src: Path, gaz_rows: list[dict]) -> list[dict]:
    """Syrian governorate, district and sub-district rows from OpenSyria."""
    govs, dists, subs = (json.loads((src / f).read_text(encoding="utf-8")) for f in SYR_FILES)
    pcode_of = {x["id"]: x["externalIds"]["ochaPcode"] for x in govs + dists + subs}
    iso_of_gov = {x["id"]: x["iso31662"] for x in govs}
    by_name = iso_by_name(gaz_rows, "SY")
    units = []
    for level, items in ((1, govs), (2, dists), (3, subs)):
        for x in items:
            ar = [a["value"] for a in x["aliases"] if a["language"] == "ar"]
            en = [a["value"] for a in x["aliases"]
                  if a["language"] == "en" and a["type"] != "formal"]
            name_ar, alt_ar = unit_names(x["name"]["ar"], ar)
            if level == 3 and pcode_of[x["id"]].endswith("00") and not name_ar.startswith(MARKAZ):
                # The seat's own sub-district, named without مركز (عين العرب):
                # use its مركز alias so that bare X stays the town's.
                markaz = [a for a in (clean_arabic(v) for v in ar) if a.startswith(MARKAZ)]
                if markaz:
                    name_ar, alt_ar = unit_names(markaz[0], ar)
            name_en, alt_latin = unit_latin(name_ar, clean_field(x["name"]["en"]), en)
            gov_id = x.get("governorateId", x["id"])
            if level == 1 and by_name.get(fold(name_ar)) != x["iso31662"]:
                sys.exit(f"{x['id']}: ISO {x['iso31662']} is not places.tsv's {name_ar}")
            units.append({
                "id": f"pc:{pcode_of[x['id']]}", "pcode": pcode_of[x["id"]], "level": level,
                "country": "SY", "name_ar": name_ar, "name_en": name_en, "alt_ar": alt_ar,
                "alt_latin": alt_latin, "lat": x["centroid"]["latitude"],
                "lon": x["centroid"]["longitude"],
                "parent_pcode": pcode_of[x["districtId"] if level == 3 else gov_id] if level > 1 else "",
                "adm1": pcode_of[gov_id], "adm2": pcode_of[x["districtId"]] if level == 3 else
                (pcode_of[x["id"]] if level == 2 else ""),
                "adm3": pcode_of[x["id"]] if level == 3 else "",
                "iso_admin1": iso_of_gov[gov_id],
                "geonameid": x["externalIds"].get("geonames") or "", "source": SYR_SOURCE})
    return units


def check_unit_counts(units: list[dict]) -> None:
    """Fail unless the sources gave the expected number of units per level."""
    counts = Counter((u["country"], u["level"]) for u in units)
    if counts != Counter(EXPECTED_UNITS):
        sys.exit(f"unexpected unit counts {dict(counts)}")
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids)), "duplicate P-codes"


# ---------------------------------------------------------------------------
# Who's On First
# ---------------------------------------------------------------------------


def wof_names(r: dict) -> tuple[str, list[str]]:
    """Cleaned Arabic name and variants of a WOF row ('' if it has none).

    When WOF's name_ar is not usable Arabic (it is sometimes the Latin name),
    the variant that build_gazetteer's choose_name_ar prefers -- the one
    closest to the Latin name -- becomes the name (Kāsān: كاسان, not الكسوة).
    """
    names = []
    for n in [r["name_ar"]] + r["alt_ar"].split("|"):
        n = strip_prefix(clean_arabic(n), WOF_PREFIXES)
        if usable_arabic(n):
            names.append(n)
    if not names:
        return "", []
    main = strip_prefix(clean_arabic(r["name_ar"]), WOF_PREFIXES)
    name = main if usable_arabic(main) else choose_name_ar(names, r["name"])
    return name, dedupe_variants(name, [n for n in names if n != name])


def wof_feature(r: dict, name_ar: str) -> tuple[str, str]:
    """(feature_type, feature_code) for a WOF placetype."""
    pt = r["placetype"]
    if pt == "locality":
        return "village", "PPL"
    if pt == "neighbourhood":
        return "neighbourhood", "PPLX"
    if pt == "campus":
        if "مطار" in name_ar or re.search(r"airport|airbase", r["name"], re.I):
            return "airport", "AIRP"
        return "base", "MILB"
    return {"county": ("admin2", "ADM2"), "region": ("admin1", "ADM1")}[pt]


def wof_candidates(src: Path, tr_lines) -> list[dict]:
    """WOF rows worth importing: right country and placetype, current, Arabic name."""
    out = []
    for r in read_tsv(src / WOF_FILE):
        if (r["country"] not in WOF_COUNTRIES or r["is_current"] == "0" or r["deprecated"]
                or r["placetype"] not in ("locality", "neighbourhood", "campus", "county", "region")):
            continue
        if r["placetype"] in ("county", "region") and r["country"] in ("SY", "IQ"):
            continue  # admin_units.tsv covers them
        name_ar, alt_ar = wof_names(r)
        if not name_ar:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        if r["country"] == "TR" and point_lines_km(lat, lon, tr_lines) > TR_BORDER_KM:
            continue
        ftype, fcode = wof_feature(r, name_ar)
        out.append({
            "id": f"wof:{r['wof_id']}", "name_ar": name_ar, "name_en": clean_field(r["name"]),
            "alt_ar": alt_ar, "alt_latin": [], "lat": lat, "lon": lon,
            "feature_type": ftype, "feature_code": fcode, "country": r["country"],
            "admin1": "", "population": 0, "geonameid": r["gn_id"], "source": "wof",
            "wof_id": r["wof_id"], "region_ar": r["region_ar"], "county_ar": r["county_ar"],
            "county_en": r["county_en"]})
    return out


class NameIndex:
    """Points by folded Arabic name, for 'same name within N km' questions."""

    def __init__(self):
        self.points = defaultdict(list)

    def add(self, name: str, lat: float, lon: float) -> None:
        """Remember that name is at (lat, lon)."""
        self.points[fold(name)].append((lat, lon))

    def near(self, name: str, lat: float, lon: float, km: float) -> bool:
        """True if name is known within km of (lat, lon)."""
        return any(haversine_km(lat, lon, a, b) <= km for a, b in self.points.get(fold(name), ()))


def deduplicate_wof(cands: list[dict], gaz_rows: list[dict]) -> list[dict]:
    """Drop WOF rows the gazetteer already has, then WOF duplicates.

    A row goes when its GeoNames id is already used, when an existing row
    has its name (or a variant) within 3 km, or -- for county/region rows --
    within 30 km.  Of WOF rows with the same name within 1 km, the one with
    a GeoNames id (else the lowest WOF id) is kept.
    """
    known_gn = {r["geonameid"] for r in gaz_rows if r["geonameid"]}
    existing = NameIndex()
    for r in gaz_rows:
        for n in [r["name_ar"]] + r["alt_ar"].split("|"):
            if n:
                existing.add(n, float(r["lat"]), float(r["lon"]))
    kept, mine = [], NameIndex()
    for c in sorted(cands, key=lambda c: (not c["geonameid"], int(c["wof_id"]))):
        radius = ADMIN_NAME_KM if c["feature_type"] in ("admin1", "admin2") else SAME_PLACE_KM
        if c["geonameid"] in known_gn or existing.near(c["name_ar"], c["lat"], c["lon"], radius):
            continue
        if mine.near(c["name_ar"], c["lat"], c["lon"], WOF_DUPLICATE_KM):
            continue
        mine.add(c["name_ar"], c["lat"], c["lon"])
        kept.append(c)
    return kept


def assign_wof_admin1(rows: list[dict], gaz_rows: list[dict], iraq_adm1_iso) -> None:
    """ISO 3166-2 code of each WOF row.

    The WOF region name is matched to places.tsv's admin1 rows of the same
    country; failing that, an Iraqi row takes the governorate whose COD-AB
    polygon holds it, a Syrian row the governorate of the nearest OpenSyria
    sub-district centroid, a Jordanian/Lebanese one the nearest admin1 row
    and a Turkish one (places.tsv has no Turkish admin1 rows) the admin1 of
    the nearest Turkish places.tsv row.
    """
    names = {cc: iso_by_name(gaz_rows, cc) for cc in ("SY", "IQ", "JO", "LB")}
    anchors = defaultdict(list)
    for r in gaz_rows:
        if r["admin1"] and (r["feature_type"] == "admin1" or r["country"] == "TR"):
            anchors[r["country"]].append((float(r["lat"]), float(r["lon"]), r["admin1"]))
    for r in rows:
        cc, key = r["country"], fold(strip_prefix(clean_arabic(r["region_ar"]), UNIT_PREFIXES))
        iso = names.get(cc, {}).get(key) or REGION_ALIASES.get((cc, key))
        if key == fold("حلبجة") and cc == "IQ":
            iso = ""  # places.tsv's Halabja governorate has no ISO code either
        elif not iso:
            iso = iraq_adm1_iso(r) if cc in ("IQ", "SY") else min(
                anchors[cc], key=lambda a: haversine_km(r["lat"], r["lon"], a[0], a[1]))[2]
        r["admin1"] = iso


# ---------------------------------------------------------------------------
# Admin codes
# ---------------------------------------------------------------------------


class SyriaCodes:
    """Approximate district / sub-district of a Syrian point (no polygons).

    District: the WOF county matched by name within the governorate, else the
    nearest district centroid of the governorate.  Sub-district: the nearest
    sub-district centroid of that district.
    """

    def __init__(self, units: list[dict]):
        sy = [u for u in units if u["country"] == "SY"]
        self.gov_of_iso = {u["iso_admin1"]: u["pcode"] for u in sy if u["level"] == 1}
        self.districts = defaultdict(list)
        self.subs = defaultdict(list)
        self.by_name = {}
        for u in sy:
            if u["level"] == 2:
                self.districts[u["adm1"]].append(u)
                for n in [u["name_ar"]] + u["alt_ar"]:
                    self.by_name[(u["adm1"], fold(n))] = u["pcode"]
                for n in [u["name_en"]] + u["alt_latin"]:
                    self.by_name[(u["adm1"], latin_key(n))] = u["pcode"]
            elif u["level"] == 3:
                self.subs[u["adm2"]].append(u)
        self.all_subs = [u for u in sy if u["level"] == 3]
        for key, pcode in COUNTY_ALIASES.items():
            self.by_name[(pcode[:4], latin_key(key))] = pcode

    @staticmethod
    def nearest(units, lat: float, lon: float) -> dict:
        """The unit whose centroid is nearest."""
        return min(units, key=lambda u: (haversine_km(lat, lon, u["lat"], u["lon"]), u["pcode"]))

    def county(self, adm1: str, row: dict):
        """District P-code of a WOF county name, or None."""
        ar = fold(strip_prefix(clean_arabic(row.get("county_ar", "")), UNIT_PREFIXES))
        en = latin_key(row.get("county_en", ""))
        found = self.by_name.get((adm1, ar)) if ar else None
        if not found and en:
            found = self.by_name.get((adm1, en))
        return found

    def codes(self, row: dict) -> tuple[str, str, str]:
        """(admin1, admin2, admin3) P-codes of a Syrian gazetteer row."""
        lat, lon = float(row["lat"]), float(row["lon"])
        adm1 = self.gov_of_iso.get(row["admin1"])
        if not adm1:
            return self.nearest(self.all_subs, lat, lon)["adm1"], "", ""
        if row["feature_type"] == "admin1":
            return adm1, "", ""
        adm2 = self.county(adm1, row) or self.nearest(self.districts[adm1], lat, lon)["pcode"]
        return adm1, adm2, self.nearest(self.subs[adm2], lat, lon)["pcode"]

    def governorate_iso(self, lat: float, lon: float) -> str:
        """ISO code of the governorate of the nearest sub-district centroid."""
        adm1 = self.nearest(self.all_subs, lat, lon)["adm1"]
        return next(iso for iso, p in self.gov_of_iso.items() if p == adm1)


def admin_codes(units, gaz_rows, wof_rows, polygons, syria) -> list[list[str]]:
    """[id, admin1, admin2, admin3] for every SY and IQ row, sorted by id.

    Units map to themselves and their parents.  Country rows get no codes;
    places.tsv governorate rows only their admin1.  Iraqi points are
    located in the COD-AB adm3 polygons, Syrian ones by SyriaCodes.
    """
    units_by_pcode = {u["pcode"]: u for u in units}
    iq_gov_of_iso = {u["iso_admin1"]: u["pcode"] for u in units if u["country"] == "IQ" and u["level"] == 1}
    out = {u["id"]: [u["id"], u["adm1"], u["adm2"], u["adm3"]] for u in units}
    for r in gaz_rows + wof_rows:
        if r["country"] not in ("SY", "IQ"):
            continue
        if r["feature_type"] == "country":
            codes = ("", "", "")
        elif r["country"] == "SY":
            codes = syria.codes(r)
        elif r["feature_type"] == "admin1":
            codes = (iq_gov_of_iso.get(r["admin1"], ""), "", "")
        else:
            adm3 = polygons.locate(float(r["lon"]), float(r["lat"]), IRQ_NEAREST_KM)
            u = units_by_pcode.get(adm3)
            codes = (u["adm1"], u["adm2"], u["adm3"]) if u else ("", "", "")
        out[r["id"]] = [r["id"], *codes]
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def tsv_value(v) -> str:
    """One TSV field: lists |-joined, floats at 5 decimals, no tabs/newlines."""
    if isinstance(v, list):
        v = "|".join(v)
    elif isinstance(v, float):
        v = f"{v:.5f}"
    s = clean_field(v)
    assert "\t" not in s and "\n" not in s
    return s


def write_tsv(path: Path, header: list[str], rows) -> None:
    """Write a header line and the rows (dicts or lists), LF endings, UTF-8."""
    lines = ["\t".join(header)]
    for r in rows:
        values = [r[c] for c in header] if isinstance(r, dict) else r
        lines.append("\t".join(tsv_value(v) for v in values))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print(f"{path.name}: {len(lines) - 1} rows", file=sys.stderr)


def report_levant(rows: list[dict]) -> None:
    """Counts per country and feature type (for SOURCES.md)."""
    counts = Counter((r["country"], r["feature_type"]) for r in rows)
    for cc in WOF_COUNTRIES:
        parts = [f"{t} {n}" for (c, t), n in sorted(counts.items()) if c == cc]
        print(f"  levant {cc}: {sum(n for (c, _), n in counts.items() if c == cc)} ({', '.join(parts)})",
              file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", required=True, type=Path, help="the gazetteer-sources folder")
    ap.add_argument("--pyshp", required=True, type=Path, help="unpacked pyshp wheel")
    ap.add_argument("--gazetteer", required=True, type=Path, help="the gazetteer/ folder")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(a.pyshp))
    import shapefile  # noqa: E402  (pyshp, unpacked by rebuild.sh)

    gaz_rows = read_gazetteer(a.gazetteer)
    iq_units, polygons = iraq_units(a.sources, shapefile, gaz_rows)
    units = sorted(iq_units + syria_units(a.sources, gaz_rows), key=lambda u: u["pcode"])
    check_unit_counts(units)
    write_tsv(a.gazetteer / "admin_units.tsv", UNIT_HEADER, units)

    syria = SyriaCodes(units)
    iq_iso = {u["pcode"]: u["iso_admin1"] for u in units if u["country"] == "IQ" and u["level"] == 3}

    def adm1_iso(r):
        if r["country"] == "SY":
            return syria.governorate_iso(r["lat"], r["lon"])
        return iq_iso.get(polygons.locate(r["lon"], r["lat"], IRQ_NEAREST_KM), "")

    tr_lines = read_border_lines(a.gazetteer / "borders.geojson", TR_BORDER_IDS)
    wof = deduplicate_wof(wof_candidates(a.sources, tr_lines), gaz_rows)
    assign_wof_admin1(wof, gaz_rows, adm1_iso)
    wof.sort(key=lambda r: (r["country"], int(r["wof_id"])))
    write_tsv(a.gazetteer / "levant.tsv", LEVANT_HEADER, wof)
    report_levant(wof)

    codes = admin_codes(units, gaz_rows, wof, polygons, syria)
    write_tsv(a.gazetteer / "admin_codes.tsv", CODES_HEADER, codes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
