#!/usr/bin/env bash
# Checks the README's set-up on a fresh Debian 12: in a chroot (made with debootstrap when
# ROOT does not exist yet), a clean clone of this repository's HEAD runs `bash scripts/run.sh`
# as root; then a new login shell, from another directory, uses the installed command, its
# manual page and `import hpcpp` for /usr/bin/python3. Prints PASS or FAIL per check.
# Needs root, debootstrap (apt-get install debootstrap) and the network, and takes long (a
# full build): never run by CI.
#   sudo scripts/check_fresh_debian.sh ROOT [--with-tests]   (--with-tests: scripts/test.sh too)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root="${1:?usage: scripts/check_fresh_debian.sh ROOT [--with-tests]}"
with_tests="${2:-}"
[ "$(id -u)" -eq 0 ] || { echo "check_fresh_debian.sh: run as root (chroot, mount)" >&2; exit 2; }
root="$(realpath -m "$root")"
log_dir="$root/root/check_logs"

if [ ! -d "$root" ]; then
  # The default variant (Priority required + important), as a minimal installed system has;
  # the installer's apt sources: bookworm, bookworm-updates and bookworm-security.
  mkdir -p "$(dirname "$root")"
  echo "debootstrap bookworm $root (log: $root.debootstrap.log)"
  debootstrap bookworm "$root" http://deb.debian.org/debian >"$root.debootstrap.log" 2>&1 ||
    { tail -n 20 "$root.debootstrap.log"; exit 1; }
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    # Removing the chroot with /dev still bound would remove the host's device nodes.
    umount "${mounted[i]}" || echo "still mounted: ${mounted[i]} (umount it before removing $root)" >&2
  done
}
trap unmount_all EXIT
trap 'exit 130' INT TERM HUP
for dir in proc sys dev dev/pts dev/shm; do
  mountpoint -q "$root/$dir" && continue
  mount --bind "/$dir" "$root/$dir" || exit 1
  mounted+=("$root/$dir")
done

rm -rf "$root/root/hpcpp" && git clone -q "$PWD" "$root/root/hpcpp" || exit 1
mkdir -p "$log_dir"

# A new login shell in the chroot with nothing of this shell's environment.
in_chroot() {
  env -i HOME=/root TERM=dumb LANG=C.UTF-8 /usr/sbin/chroot "$root" /bin/bash -lc "$1"
}

failures=0
check() {  # NAME COMMAND: runs COMMAND in a new login shell from /tmp
  local name="$1" out
  if out="$(in_chroot "cd /tmp && $2" 2>&1)"; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}
timed() {  # NAME COMMAND: runs COMMAND in /root/hpcpp, its output in the log directory
  local name="$1" start rc
  start=$(date +%s)
  in_chroot "cd /root/hpcpp && $2" >"$log_dir/$name.log" 2>&1
  rc=$?
  if ((rc == 0)); then echo "PASS $name ($(($(date +%s) - start)) s)"; else
    echo "FAIL $name ($(($(date +%s) - start)) s, exit $rc, log: $log_dir/$name.log)"
    tail -n 20 "$log_dir/$name.log" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}

timed run.sh "bash scripts/run.sh"
check "hpcpp on PATH" "command -v hpcpp && hpcpp --version"
check "hpcpp diff2d --help" "hpcpp diff2d --help | grep -q -- --backend"
check "man hpcpp" "man -P cat hpcpp | grep -q 'HPCPP DIFF2D'"
check "import hpcpp (/usr/bin/python3)" "/usr/bin/python3 -c \"import hpcpp, numpy; assert hpcpp.evaluate('2*a', local_dict={'a': numpy.arange(3.)}).tolist() == [0, 2, 4]\""
check "run.sh again" "cd /root/hpcpp && bash scripts/run.sh >/dev/null"
[ "$with_tests" = --with-tests ] && timed test.sh "bash scripts/test.sh"

if ((failures)); then echo "FAIL: $failures check(s)"; exit 1; fi
echo "PASS: all checks"
