#!/bin/sh
# Makes sure Prometheus and promtool (Debian's `prometheus` package) are installed, then prints
# the path of each binary, one per line: prometheus first, promtool second.
#
# Idempotent and quiet: installs only when a binary is missing, runs `apt-get update` only when
# the first install attempt fails (stale package lists), and writes nothing else to stdout.
# Installing needs root (or sudo) and a Debian/Ubuntu apt.
set -eu

find_binaries() {
  command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1
}

if ! find_binaries; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
  else
    echo "ensure-prometheus: prometheus/promtool are missing and installing them needs root; run: apt-get install -y prometheus" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-prometheus: prometheus/promtool are missing and apt-get is not available; install Prometheus 2.x so that prometheus and promtool are on PATH" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  install="$as_root apt-get install -y -qq --no-install-recommends prometheus"
  if ! $install >/dev/null 2>&1; then
    $as_root apt-get update -qq >/dev/null 2>&1
    if ! $install >/dev/null 2>&1; then
      echo "ensure-prometheus: 'apt-get install prometheus' failed; run it by hand to see why" >&2
      exit 1
    fi
  fi
  if ! find_binaries; then
    echo "ensure-prometheus: the prometheus package installed, but prometheus/promtool are not on PATH" >&2
    exit 1
  fi
fi

command -v prometheus
command -v promtool
