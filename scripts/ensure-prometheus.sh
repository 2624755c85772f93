#!/bin/sh
# Makes sure Prometheus and promtool (Debian's `prometheus` package) are installed, then prints
# the path of each binary, one per line: prometheus first, promtool second.
set -eu
exec "$(dirname "$0")/ensure-debian-package.sh" prometheus prometheus promtool
