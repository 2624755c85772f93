#!/bin/sh
# Makes sure a Debian package's binaries are installed, then prints each binary's path, one per
# line, in the order given.
#
#   ensure-debian-package.sh PACKAGE BINARY [BINARY...]
#   e.g. ensure-debian-package.sh prometheus-alertmanager prometheus-alertmanager
#   ensure-debian-package.sh PACKAGE   install it (apt-get is idempotent); for packages whose
#                                      binaries are not on PATH, which the caller then finds
#
# Idempotent and quiet: installs only when a binary is missing, runs `apt-get update` only when
# the first install attempt fails (stale package lists), and writes nothing else to stdout.
# Installing needs root (or sudo) and a Debian/Ubuntu apt. Test set-ups call it so that a fresh
# machine with only Node and npm gets the real component instead of a skipped test.
set -eu

if [ "$#" -lt 1 ]; then
  echo "usage: ensure-debian-package.sh PACKAGE [BINARY...]" >&2
  exit 2
fi
package="$1"
shift

find_binaries() {
  [ "$#" -gt 0 ] || return 1
  for binary in "$@"; do
    command -v "$binary" >/dev/null 2>&1 || return 1
  done
}

if ! find_binaries "$@"; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
  else
    echo "ensure-debian-package: $* missing and installing them needs root; run: apt-get install -y $package" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-debian-package: $* missing and apt-get is not available; install $package so that $* are on PATH" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  install="$as_root apt-get install -y -qq --no-install-recommends $package"
  if ! $install >/dev/null 2>&1; then
    $as_root apt-get update -qq >/dev/null 2>&1
    if ! $install >/dev/null 2>&1; then
      echo "ensure-debian-package: 'apt-get install $package' failed; run it by hand to see why" >&2
      exit 1
    fi
  fi
  if [ "$#" -gt 0 ] && ! find_binaries "$@"; then
    echo "ensure-debian-package: the $package package installed, but $* are not all on PATH" >&2
    exit 1
  fi
fi

for binary in "$@"; do
  command -v "$binary"
done
