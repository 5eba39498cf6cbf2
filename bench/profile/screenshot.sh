#!/bin/bash
# Makes docs/profile_trace_speedscope.png: a diff2d trace opened in speedscope (offline build
# from npm) in headless Chromium. Needs `apt-get install chromium` and
# `npm install speedscope` in VIEWER_DIR (default /tmp/profile_viewer), outside the repository.
# Usage: bench/profile/screenshot.sh [HPCPP]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
hpcpp=${1:-$repo/build/release/apps/hpcpp/hpcpp}
viewer=${VIEWER_DIR:-/tmp/profile_viewer}/node_modules/speedscope/dist/release
port=${PORT:-8765}
site=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site"' EXIT

cp -r "$viewer"/. "$site"/
"$hpcpp" diff2d "$repo/examples/diff2dparams.py" --set dx=0.1 --set runtime=1.5 --backend reference \
  --profile-trace "$site/trace.json" > /dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" > /dev/null 2>&1 &
server=$!
sleep 1
url="http://127.0.0.1:$port/index.html#profileURL=http://127.0.0.1:$port/trace.json&title=hpcpp%20diff2d%20(reference%2C%20dx%3D0.1)"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1600,420 \
  --virtual-time-budget=15000 --screenshot="$repo/docs/profile_trace_speedscope.png" "$url" 2> /dev/null
echo "wrote $repo/docs/profile_trace_speedscope.png"
