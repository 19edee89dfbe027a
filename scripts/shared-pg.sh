#!/usr/bin/env bash
# Installs the PostgreSQL server the suite uses as a "shared office server": Debian's packages, which
# carry pgcrypto (the built-in pgserver wheels do not).  Only when missing; as root on Debian/Ubuntu.
# Prints the server's bin directory on its last line (what tests/support/shared_server.py uses).
set -euo pipefail
find_bindir() {
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    ver=$(basename "$(dirname "$d")")
    if [ -x "$d/initdb" ] && [ -f "/usr/lib/postgresql/$ver/lib/pgcrypto.so" ]; then echo "$d"; return 0; fi
  done
  return 1
}
if bindir=$(find_bindir); then echo "$bindir"; exit 0; fi
command -v apt-get >/dev/null 2>&1 || { echo "shared-pg: not a Debian system; install a PostgreSQL server with contrib (pgcrypto) yourself." >&2; exit 1; }
if [ "$(id -u)" -ne 0 ]; then
  echo "shared-pg: run 'sudo apt-get install postgresql postgresql-contrib' (needed by the shared-server tests)." >&2
  exit 1
fi
echo "shared-pg: installing postgresql and postgresql-contrib" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# The package's own cluster is not used (the suite starts its own in a temporary folder).
mkdir -p /etc/postgresql-common
grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf 2>/dev/null \
  || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
find_bindir
