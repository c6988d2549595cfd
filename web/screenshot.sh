#!/usr/bin/env bash
# The README's screenshot of the web map: maps the samples and takes a
# picture of map.html in headless Chromium (Debian: apt-get install chromium).
# Usage, from the repository root: bash web/screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-docs/webmap.png}
hudud=${HUDUD:-./target/release/hudud}
[ -x "$hudud" ] || cargo build --release --locked
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$hudud" map samples/articles samples/news.jsonl --out "$dir/layers" 2>/dev/null
# A private profile: no other Chromium's lock or settings interfere. The
# virtual time budget lets the page's scripts finish before the picture.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
    --user-data-dir="$dir/profile" --window-size=1280,860 --virtual-time-budget=10000 \
    --screenshot="$dir/shot.png" "file://$dir/layers/map.html${FRAGMENT:-}" 2>/dev/null
cp "$dir/shot.png" "$png"
echo "wrote $png"
