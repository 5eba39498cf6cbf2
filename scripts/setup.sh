#!/usr/bin/env bash
# Installs what hpcpp needs from Debian (only what is missing), then configures and builds
# the given CMake preset (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"

mapfile -t wanted < <(grep -v '^#' scripts/debian-packages.txt | grep -v '^$')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
case "$preset" in release | ci) installs=true ;; *) installs=false ;; esac
sudo=""
if [ "$(id -u)" -ne 0 ] && { ((${#missing[@]})) || $installs; }; then
  # Checked before the long build: a Debian installed with a root password has no sudo.
  if ! command -v sudo >/dev/null; then
    echo "hpcpp: scripts/setup.sh $preset installs into the system and there is no sudo: run it as root" >&2
    exit 2
  fi
  sudo="sudo"
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  # Through env: sudo resets the environment, which would drop DEBIAN_FRONTEND.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

# The optimised build (release, or ci from scripts/test.sh) for everyone: the command in
# /usr/local/bin and its manual page in /usr/local/share/man/man1 (cmake --install; a login
# shell's PATH has /usr/local/bin), and the Python module for /usr/bin/python3 from any
# directory: a .pth file in that interpreter's site directory
# (/usr/local/lib/python3.11/dist-packages on Debian 12) names build/PRESET/python.
if $installs; then
  $sudo cmake --install "build/$preset" >/dev/null
  command -v mandb >/dev/null && $sudo mandb -q 2>/dev/null || true
  site="$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')"
  $sudo mkdir -p "$site"
  echo "$PWD/build/$preset/python" | $sudo tee "$site/hpcpp.pth" >/dev/null
fi
