#!/usr/bin/env bash
# Screenshot of report.html as a reader first sees it on a 1366x768 laptop screen: runs the
# README's main command (compare) with --report into a temporary folder, then headless Chromium.
#
#   scripts/report-screenshot.sh OUT.png [compare options...]
#
# Extra arguments go to compare (tests pass a small load). HARNESS overrides how the harness is
# started (default: the shaded jar that `mvn package` builds). Prints the report's path and size.
set -euo pipefail

out=${1:?usage: scripts/report-screenshot.sh OUT.png [compare options...]}
shift
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$chromium" ]]; then
    echo "report-screenshot: no chromium on PATH (apt-get install -y chromium)" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
read -r -a harness <<< "${HARNESS:-java -jar $root/client-harness/target/client-harness.jar}"

work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

"${harness[@]}" compare --quiet --report "$work/report" "$@" > "$work/compare.out"
html="$work/report/report.html"
echo "report.html: $(wc -c < "$html") bytes"

# Every switch that would reach the network or keep state is off: the page must render from the file alone.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1366,768 --hide-scrollbars \
    --screenshot="$(realpath -m "$out")" "file://$html" > "$work/chromium.log" 2>&1 || {
        echo "report-screenshot: chromium failed:" >&2
        tail -5 "$work/chromium.log" >&2
        exit 1
    }
test -s "$out"
echo "screenshot: $out"
