#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server for the tests, on loopback only.
#
#   bash scripts/postgis.sh install      apt packages (idempotent, quick when present)
#   bash scripts/postgis.sh start [DIR]  new cluster in DIR (default: a new temp dir) on a
#                                        free 127.0.0.1 port; prints PGDIR=, PGPORT=, PGUSER=
#   bash scripts/postgis.sh stop DIR     stop that cluster and delete DIR
#
# The cluster runs as the `postgres` system user when we are root (PostgreSQL refuses to
# run as root), trusts local connections and holds a database `gracethd` with PostGIS.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || return 1
    echo "$dir"
}

has_postgis() {
    local bin version
    bin=$(pg_bin) || return 1
    version=$(basename "$(dirname "$bin")")
    ls /usr/share/postgresql/"$version"/extension/postgis.control >/dev/null 2>&1
}

install() {
    if pg_bin >/dev/null && has_postgis && command -v ogr2ogr >/dev/null; then
        echo "postgis: already installed"
        return 0
    fi
    echo "postgis: installing PostgreSQL and PostGIS from the distribution"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        postgresql postgis gdal-bin >/dev/null
    # The Debian postgis package pulls the extension for the default server version.
    has_postgis || {
        local version
        version=$(basename "$(dirname "$(pg_bin)")")
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "postgresql-$version-postgis-3" >/dev/null
    }
    has_postgis
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    local bin dir port user
    bin=$(pg_bin) || { echo "postgis: PostgreSQL is not installed" >&2; exit 2; }
    has_postgis || { echo "postgis: the PostGIS extension is not installed" >&2; exit 2; }
    dir=${1:-$(mktemp -d /tmp/fr-postgis.XXXXXX)}
    mkdir -p "$dir"
    chmod 755 "$dir"
    user=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
        user=postgres
    fi
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" gracethd
    as_owner "$bin/psql" -q -h 127.0.0.1 -p "$port" -U "$user" -d gracethd \
        -c "CREATE EXTENSION IF NOT EXISTS postgis;" >/dev/null
    echo "PGDIR=$dir"
    echo "PGPORT=$port"
    echo "PGUSER=$user"
}

stop() {
    local bin dir=${1:?usage: postgis.sh stop DIR}
    bin=$(pg_bin) || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    case "$dir" in
        /tmp/fr-postgis.*) rm -rf "$dir" ;;
        *) echo "postgis: left $dir in place (not one of ours)" ;;
    esac
}

case "${1:-}" in
    install) install ;;
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 install | start [DIR] | stop DIR" >&2; exit 64 ;;
esac
