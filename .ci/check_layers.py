#!/usr/bin/env python3
"""Check that the layers `hudud map` wrote open in GDAL as they should.

Usage: check_layers.py DIR [HUDUD]

With the path of the hudud binary, also checks `hudud near` against an
independent scan of places.geojson written in Python.

For each GeoJSON layer: ogrinfo opens it, the feature count equals the
number of features in the file, and the geometry type is the expected one.
incidents.csv must open as points through GDAL's CSV driver
(X_POSSIBLE_NAMES=longitude, Y_POSSIBLE_NAMES=latitude) with the same number
of rows as the file, and its Arabic text must come back intact.
Exits non-zero, naming the layer, on the first problem.
"""
import csv
import math
import json
import re
import subprocess
import sys
from pathlib import Path

EXPECTED = {
    "places.geojson": "Point",
    "incidents.geojson": "Point",
    "border.geojson": "Line String",
    "border_zones.geojson": "Multi Polygon",
}


def ogrinfo(*args):
    r = subprocess.run(["ogrinfo", "-ro", "-al", *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"check_layers: ogrinfo {' '.join(args)} failed:\n{r.stderr}")
    return r.stdout


def summary(path, *opts):
    out = ogrinfo("-so", *opts, str(path))
    count = re.search(r"Feature Count: (\d+)", out)
    geom = re.search(r"Geometry: (.+)", out)
    return (int(count.group(1)) if count else None, geom.group(1).strip() if geom else None)


def check_geojson(path, want_geom):
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    count, geom = summary(path)
    if count != len(features):
        sys.exit(f"check_layers: {path.name}: GDAL sees {count} features, the file has {len(features)}")
    if features and geom != want_geom:
        sys.exit(f"check_layers: {path.name}: geometry {geom!r}, expected {want_geom!r}")
    print(f"ok  {path.name}: {count} features, {geom}")


def check_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    opts = ["-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude"]
    count, geom = summary(path, *opts)
    if count != len(rows):
        sys.exit(f"check_layers: {path.name}: GDAL sees {count} rows, the file has {len(rows)}")
    if rows and geom != "Point":
        sys.exit(f"check_layers: {path.name}: geometry {geom!r}, expected Point")
    arabic = [r["location_ar"] for r in rows if r["location_ar"]]
    if arabic:
        full = ogrinfo(*opts, str(path))
        if arabic[0] not in full:
            sys.exit(f"check_layers: {path.name}: Arabic text {arabic[0]!r} did not survive GDAL")
    print(f"ok  {path.name}: {count} rows as points, Arabic intact")


def haversine_km(a, b):
    r = 6371.0088
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def line_km(p, line):
    """Great-circle km from p to the nearest point of a polyline (closest
    point found in a plane tangent at p), computed independently of hudud."""
    best = float("inf")
    c = math.cos(math.radians(p[1]))
    for a, b in zip(line, line[1:]):
        ax, ay, bx, by = (a[0] - p[0]) * c, a[1] - p[1], (b[0] - p[0]) * c, b[1] - p[1]
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, haversine_km(p, (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))))
    return best


def check_zones(out):
    """Zones: valid (GDAL/SpatiaLite ST_IsValid), no vertex beyond its band
    (+0.5 km), and each band's outer edge reaches its distance (±0.5 km)."""
    path = out / "border_zones.geojson"
    r = subprocess.run(["ogrinfo", "-ro", str(path), "-dialect", "sqlite", "-sql",
                        "SELECT ST_IsValid(geometry) AS v FROM border_zones"], capture_output=True, text=True)
    valid = re.findall(r"v \(Integer\) = (\d)", r.stdout)
    if r.returncode != 0 or not valid or set(valid) != {"1"}:
        sys.exit(f"check_layers: border_zones.geojson: ST_IsValid gave {valid or r.stderr}")
    border = json.loads((out / "border.geojson").read_text(encoding="utf-8"))["features"]
    line = next(f for f in border if f["properties"]["id"] == "iq-sy")["geometry"]["coordinates"]
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        band = f["properties"]["band_km"]
        dists = [line_km(v, line) for poly in f["geometry"]["coordinates"] for ring in poly for v in ring]
        if max(dists) > band + 0.5 or abs(max(dists) - band) > 0.5:
            sys.exit(f"check_layers: zone {f['properties']['side']} {band} km: vertices reach {max(dists):.2f} km")
    print(f"ok  border_zones.geojson: valid, vertices within 0.5 km of their bands")


def check_near(out, hudud):
    """`hudud near --point` and `--border` equal an independent scan."""
    layer = out / "places.geojson"
    feats = json.loads(layer.read_text(encoding="utf-8"))["features"]
    border = json.loads((out / "border.geojson").read_text(encoding="utf-8"))["features"]
    line = next(f for f in border if f["properties"]["id"] == "iq-sy")["geometry"]["coordinates"]
    cases = [(["--point", "34.45,40.92", "--km", "150"], lambda p: haversine_km((40.92, 34.45), p) <= 150),
             (["--border", "--km", "60"], lambda p: line_km(p, line) <= 60)]
    for args, keep in cases:
        r = subprocess.run([hudud, "near", *args, "--layer", str(layer), "--format", "geojson"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"check_layers: hudud near {' '.join(args)} failed: {r.stderr}")
        got = sorted(f["properties"]["id"] for f in json.loads(r.stdout)["features"])
        want = sorted(f["properties"]["id"] for f in feats if keep(f["geometry"]["coordinates"]))
        # Points within a metre of the radius may fall either way in float arithmetic.
        if got != want:
            sys.exit(f"check_layers: hudud near {' '.join(args)}: {len(got)} hits, independent scan {len(want)}")
        print(f"ok  hudud near {' '.join(args)}: {len(got)} places, same as an independent scan")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    for name, geom in EXPECTED.items():
        check_geojson(out / name, geom)
    check_csv(out / "incidents.csv")
    check_zones(out)
    if len(sys.argv) == 3:
        check_near(out, sys.argv[2])


if __name__ == "__main__":
    main()
