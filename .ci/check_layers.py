#!/usr/bin/env python3
"""Check that the layers `hudud map` wrote open in GDAL as they should.

Usage: check_layers.py DIR

For each GeoJSON layer: ogrinfo opens it, the feature count equals the
number of features in the file, and the geometry type is the expected one.
incidents.csv must open as points through GDAL's CSV driver
(X_POSSIBLE_NAMES=longitude, Y_POSSIBLE_NAMES=latitude) with the same number
of rows as the file, and its Arabic text must come back intact.
Exits non-zero, naming the layer, on the first problem.
"""
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

EXPECTED = {
    "places.geojson": "Point",
    "incidents.geojson": "Point",
    "border.geojson": "Line String",
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


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    for name, geom in EXPECTED.items():
        check_geojson(out / name, geom)
    check_csv(out / "incidents.csv")


if __name__ == "__main__":
    main()
