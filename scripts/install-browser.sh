#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the web app's end-to-end tests.
#
#   scripts/install-browser.sh           # install chromium + chromium-driver when missing; print versions
#   scripts/install-browser.sh check     # print the versions; exit 1 when either is missing (installs nothing)
#
# Installs the Debian packages `chromium`, `chromium-driver` and `fonts-dejavu-core` (a font with
# Arabic glyphs, so that pages in Arabic render in screenshots) with apt-get (non-interactive, quiet;
# through sudo when not root). Nothing is downloaded outside apt: the tests drive /usr/bin/chromium
# through /usr/bin/chromedriver from the same Debian build, so their versions always match, and
# Selenium is told both paths so that it never fetches a driver of its own.
# Running it again is a no-op once both are installed.
#
# Typical use:
#   scripts/install-browser.sh
#   MARSAD_REQUIRE_BROWSER=1 pytest tests/server     # fail, not skip, when the browser cannot start
set -euo pipefail

CHROMIUM="${MARSAD_CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${MARSAD_CHROMEDRIVER:-/usr/bin/chromedriver}"
PACKAGES=(chromium chromium-driver fonts-dejavu-core)

die() {
    echo "install-browser: $*" >&2
    exit 1
}

as_root() {
    if [[ "$(id -u)" == 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "not root and no sudo: run as root: apt-get install ${PACKAGES[*]}"
    fi
}

installed() {
    [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]
}

font_installed() {
    ! command -v dpkg-query >/dev/null 2>&1 ||
        [[ "$(dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null)" == "install ok installed" ]]
}

# `chromium --version` goes through Debian's wrapper script, whose memory check prints a harmless
# shell warning on some machines; keep only the version line.
print_versions() {
    local chromium_version driver_version
    chromium_version="$("$CHROMIUM" --version 2>/dev/null | grep -m 1 -i chromium || true)"
    driver_version="$("$CHROMEDRIVER" --version 2>/dev/null | head -n 1 || true)"
    [[ -n "$chromium_version" ]] || die "$CHROMIUM does not run"
    [[ -n "$driver_version" ]] || die "$CHROMEDRIVER does not run"
    echo "chromium:     $CHROMIUM  $chromium_version"
    echo "chromedriver: $CHROMEDRIVER  $driver_version"
}

install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install Chromium and ChromeDriver by hand"
    export DEBIAN_FRONTEND=noninteractive
    local log
    log="$(mktemp)"
    # The package lists may be missing (fresh container) or stale: update once, then install.
    if ! as_root apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >"$log" 2>&1; then
        as_root apt-get update -qq >"$log" 2>&1 || {
            cat "$log" >&2
            rm -f "$log"
            die "apt-get update failed"
        }
        as_root apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >"$log" 2>&1 || {
            cat "$log" >&2
            rm -f "$log"
            die "apt-get install ${PACKAGES[*]} failed"
        }
    fi
    rm -f "$log"
}

case "${1:-install}" in
install)
    { installed && font_installed; } || install
    installed || die "chromium or chromedriver still missing after apt-get install ($CHROMIUM, $CHROMEDRIVER)"
    print_versions
    ;;
check)
    installed || die "missing: $CHROMIUM or $CHROMEDRIVER (run scripts/install-browser.sh)"
    print_versions
    ;;
*)
    echo "usage: $0 [install|check]" >&2
    exit 2
    ;;
esac
