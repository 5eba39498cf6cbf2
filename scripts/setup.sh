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

# The optimised build (release, or ci from scripts/test.sh) for everyone (cmake --install):
# the command in /usr/local/bin, its manual page in /usr/local/share/man/man1 (a login
# shell's PATH has /usr/local/bin), and the Python module in /usr/bin/python3's site
# directory (/usr/local/lib/python3.11/dist-packages on Debian 12), where it imports from any
# directory. An hpcpp.pth left there by an earlier set-up (it named build/PRESET/python) goes.
if $installs; then
  $sudo cmake --install "build/$preset" >/dev/null
  command -v mandb >/dev/null && $sudo mandb -q 2>/dev/null || true
  site="$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')"
  $sudo rm -f "$site/hpcpp.pth"
fi
