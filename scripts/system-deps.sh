#!/usr/bin/env bash
# Installs the few system libraries Qt needs (offscreen and xcb) when they are missing.
# Runs as root on Debian/Ubuntu (CI and a fresh workstation); elsewhere it only reports.
set -euo pipefail
needed=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
        libxcb-render-util0 libxcb-image0 fonts-dejavu-core poppler-utils)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's libraries yourself if Qt fails to start."; exit 0; }
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
