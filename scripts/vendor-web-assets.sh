#!/usr/bin/env bash
# Rebuild marsad/server/static/vendor/ from the npm registry at pinned versions.
#
#   scripts/vendor-web-assets.sh           # (re)write the vendor folder, its README.md and SHA256SUMS
#   scripts/vendor-web-assets.sh --check   # build into a scratch folder and compare with the committed one;
#                                          # exit 1 and show the difference when they differ
#
# The web app fetches nothing at run time: the browser libraries it uses are copied here, minified,
# each in its own subfolder with its licence. Only the files the app loads are kept (no sources, no
# source maps, no npm metadata). To upgrade a library, change its version below, run this script,
# look at the library's changelog, run the browser tests, and commit the vendor folder together with
# this script.
#
# Needs: npm (any recent version) and access to the npm registry. Scratch work happens in
# $MARSAD_NPMWORK (default: a fresh temporary folder, deleted afterwards).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/marsad/server/static/vendor"

# Pinned versions: change here to upgrade.
LEAFLET_VERSION=1.9.4
MARKERCLUSTER_VERSION=1.5.3
CYTOSCAPE_VERSION=3.34.4

die() {
    echo "vendor-web-assets: $*" >&2
    exit 1
}

command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install npm, or install Node.js)"

MODE=write
case "${1:-}" in
"") ;;
--check) MODE=check ;;
-h | --help)
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
*)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac

CLEANUP=()
cleanup() {
    local d
    for d in "${CLEANUP[@]}"; do
        rm -rf "$d"
    done
}
trap cleanup EXIT

if [[ -n "${MARSAD_NPMWORK:-}" ]]; then
    WORK="$MARSAD_NPMWORK"
    mkdir -p "$WORK"
else
    WORK="$(mktemp -d)"
    CLEANUP+=("$WORK")
fi

NPM_CMD=(npm install --no-audit --no-fund --ignore-scripts --no-save --no-package-lock --prefix "$WORK"
    "leaflet@$LEAFLET_VERSION" "leaflet.markercluster@$MARKERCLUSTER_VERSION" "cytoscape@$CYTOSCAPE_VERSION")
"${NPM_CMD[@]}" >"$WORK/npm.log" 2>&1 || {
    cat "$WORK/npm.log" >&2
    die "npm install failed"
}
NM="$WORK/node_modules"

# Check that npm gave exactly the pinned versions.
installed_version() {
    node -p "require('$NM/$1/package.json').version" 2>/dev/null ||
        sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$NM/$1/package.json" | head -n 1
}
for pair in "leaflet=$LEAFLET_VERSION" "leaflet.markercluster=$MARKERCLUSTER_VERSION" "cytoscape=$CYTOSCAPE_VERSION"; do
    name="${pair%%=*}"
    want="${pair#*=}"
    got="$(installed_version "$name")"
    [[ "$got" == "$want" ]] || die "$name: npm installed $got, expected $want"
done

if [[ "$MODE" == check ]]; then
    OUT="$(mktemp -d)/vendor"
    CLEANUP+=("$(dirname "$OUT")")
else
    OUT="$VENDOR"
fi

# Start from an empty folder so that files of an older version cannot linger.
rm -rf "$OUT"
mkdir -p "$OUT/leaflet/images" "$OUT/leaflet.markercluster" "$OUT/cytoscape"

# install -m 644: same mode whatever the package used (markercluster ships executable files).
cp_file() {
    install -m 644 "$1" "$2"
}

cp_file "$NM/leaflet/dist/leaflet.js" "$OUT/leaflet/"
cp_file "$NM/leaflet/dist/leaflet.css" "$OUT/leaflet/"
for img in layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png; do
    cp_file "$NM/leaflet/dist/images/$img" "$OUT/leaflet/images/"
done
cp_file "$NM/leaflet/LICENSE" "$OUT/leaflet/LICENSE"

cp_file "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" "$OUT/leaflet.markercluster/"
cp_file "$NM/leaflet.markercluster/dist/MarkerCluster.css" "$OUT/leaflet.markercluster/"
cp_file "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$OUT/leaflet.markercluster/"
cp_file "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/leaflet.markercluster/LICENSE"

cp_file "$NM/cytoscape/dist/cytoscape.min.js" "$OUT/cytoscape/"
cp_file "$NM/cytoscape/LICENSE" "$OUT/cytoscape/LICENSE"

cat >"$OUT/README.md" <<EOF
# Vendored browser libraries

The analyst workbench (\`marsad serve\`) loads these files from the Python package itself: nothing is
fetched from a CDN at run time. Each library sits in its own folder with its licence. Only the
minified files that the pages load are kept. \`SHA256SUMS\` lists a checksum for every file.

| library | version | licence | files |
| --- | --- | --- | --- |
| [Leaflet](https://leafletjs.com/) (map) | $LEAFLET_VERSION | BSD-2-Clause | \`leaflet/leaflet.js\`, \`leaflet/leaflet.css\`, \`leaflet/images/{layers,layers-2x,marker-icon,marker-icon-2x,marker-shadow}.png\`, \`leaflet/LICENSE\` |
| [Leaflet.markercluster](https://github.com/Leaflet/Leaflet.markercluster) (marker clusters) | $MARKERCLUSTER_VERSION | MIT | \`leaflet.markercluster/leaflet.markercluster.js\`, \`leaflet.markercluster/MarkerCluster.css\`, \`leaflet.markercluster/MarkerCluster.Default.css\`, \`leaflet.markercluster/LICENSE\` (the package's \`MIT-LICENCE.txt\`) |
| [Cytoscape.js](https://js.cytoscape.org/) (actor-relations graph) | $CYTOSCAPE_VERSION | MIT | \`cytoscape/cytoscape.min.js\` (UMD build, global \`cytoscape\`), \`cytoscape/LICENSE\` |

All files are copied unchanged from each npm package (\`dist/\` and the licence file). The minified
scripts end with a \`sourceMappingURL\` comment; the maps are not shipped, which only matters when the
browser's developer tools are open.

## Reproduce or upgrade

\`\`\`sh
scripts/vendor-web-assets.sh           # rewrites this folder from npm
scripts/vendor-web-assets.sh --check   # exit 0 when this folder equals a fresh build
\`\`\`

The script runs:

\`\`\`sh
npm install --no-audit --no-fund --ignore-scripts --no-save --no-package-lock --prefix "\$WORK" leaflet@$LEAFLET_VERSION leaflet.markercluster@$MARKERCLUSTER_VERSION cytoscape@$CYTOSCAPE_VERSION
\`\`\`

and copies the files listed above. To upgrade, change the pinned versions at the top of
\`scripts/vendor-web-assets.sh\`, run it, and commit this folder with the script.

Load order in a page: \`leaflet/leaflet.css\`, \`leaflet.markercluster/MarkerCluster.css\`,
\`leaflet.markercluster/MarkerCluster.Default.css\`, then \`leaflet/leaflet.js\` before
\`leaflet.markercluster/leaflet.markercluster.js\`; \`cytoscape/cytoscape.min.js\` stands alone.
EOF

(cd "$OUT" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)

if [[ "$MODE" == check ]]; then
    [[ -d "$VENDOR" ]] || die "$VENDOR does not exist; run without --check first"
    if diff -r "$VENDOR" "$OUT"; then
        echo "vendor-web-assets: $VENDOR matches npm (leaflet@$LEAFLET_VERSION, leaflet.markercluster@$MARKERCLUSTER_VERSION, cytoscape@$CYTOSCAPE_VERSION)"
    else
        die "$VENDOR differs from a fresh build (see above); run scripts/vendor-web-assets.sh"
    fi
else
    echo "vendor-web-assets: wrote $VENDOR"
    (cd "$VENDOR" && find . -type f -printf '%s\t%P\n' | LC_ALL=C sort -k2)
fi
