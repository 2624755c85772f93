#!/bin/sh
# Makes sure PostgreSQL (Debian's `postgresql` package) is installed, and runs throwaway clusters
# for tests.
#
#   ensure-postgres.sh                  install if missing; print the server's bin directory
#   ensure-postgres.sh start DIR PORT   create a cluster in DIR (if DIR has none yet) and start it
#                                       on 127.0.0.1:PORT, its socket in DIR; print its URL
#                                       (postgres://postgres@127.0.0.1:PORT/postgres, trust auth)
#   ensure-postgres.sh stop DIR         stop the cluster in DIR, if it runs
#
# Idempotent and quiet: installs only when the server binaries are missing, runs `apt-get update`
# only when the first install attempt fails (stale package lists), and writes nothing else to
# stdout. Installing needs root (or sudo) and a Debian/Ubuntu apt. initdb refuses to run as root,
# so as root the cluster runs as the `postgres` user (created by the package) and DIR is given
# to it. Clusters are for tests only: trust authentication, fsync off, loopback only.
set -eu

find_bindir() {
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

ensure_installed() {
  if find_bindir >/dev/null; then return 0; fi
  "$(dirname "$0")/ensure-debian-package.sh" postgresql
  if ! find_bindir >/dev/null; then
    echo "ensure-postgres: the postgresql package installed, but no /usr/lib/postgresql/<version>/bin/initdb was found" >&2
    exit 1
  fi
}

# Runs a server binary as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_cluster() {
  dir="$1"
  port="$2"
  bindir="$(find_bindir)"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
      echo "ensure-postgres: initdb failed in $dir/data:" >&2
      tail -n 20 "$dir/initdb.log" >&2
      exit 1
    fi
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
    echo "ensure-postgres: the server in $dir/data did not start on 127.0.0.1:$port:" >&2
    tail -n 20 "$dir/postgres.log" >&2
    exit 1
  fi
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

stop_cluster() {
  dir="$1"
  bindir="$(find_bindir)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
}

usage() {
  echo "usage: ensure-postgres.sh [start DIR PORT | stop DIR]" >&2
  exit 2
}

ensure_installed
case "${1:-}" in
  "") find_bindir ;;
  start)
    [ $# -eq 3 ] || usage
    start_cluster "$2" "$3"
    ;;
  stop)
    [ $# -eq 2 ] || usage
    stop_cluster "$2"
    ;;
  *) usage ;;
esac
