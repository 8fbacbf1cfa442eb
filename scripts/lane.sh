#!/usr/bin/env bash
# Test lanes: the test suite and the demo on another Debian release's own QGIS, in a chroot.
#
#   bash scripts/lane.sh trixie build          build .lanes/trixie once (quick when built)
#   bash scripts/lane.sh trixie make test      `make test` inside the lane (builds it if missing)
#   bash scripts/lane.sh sid make demo         `make demo` inside the lane
#   bash scripts/lane.sh trixie run CMD...     any command inside the lane, as root
#   bash scripts/lane.sh trixie shell          a root shell inside the lane
#   bash scripts/lane.sh trixie info           what the lane holds (versions, size, build time)
#   bash scripts/lane.sh trixie remove         delete the lane
#
# `make test LANE=trixie` and `make demo LANE=trixie` call this. A lane is a minimal Debian
# made by debootstrap in .lanes/NAME (ignored by git): QGIS and every dependency the
# distribution packages come from that release (numpy, shapely, scipy, pandas, GDAL, networkx,
# pytest, PostgreSQL + PostGIS); pip only brings what Debian lacks (requirements-lane.txt),
# into a venv made with --system-site-packages at /opt/fibre-resilience/venv inside the lane.
# The lane is set up by the repository's own `make setup`, run inside it with that venv.
#
# The repository is bind-mounted at the same path inside the lane, so the tests, the demo and
# their outputs read and write the working tree; /proc, /sys and /dev are mounted for the run
# and unmounted afterwards, whatever happens. One run at a time per lane (a lock).
#
#   trixie  Debian 13: QGIS 3.40 LTR, Python 3.13, numpy 2, shapely 2.1, GDAL 3.10
#   sid     Debian unstable: QGIS 3.44 (it moves daily: a documented target, not a CI gate)
#
# Needs root (debootstrap, mount, chroot) and about 3 GB per lane. LANE_MIRROR picks another
# Debian mirror.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
    exec sudo --preserve-env=LANE_MIRROR bash "$0" "$@"
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lane="${1:-}"
action="${2:-}"
case "$lane" in
    trixie | sid) ;;
    *)
        echo "usage: $0 trixie|sid build|make TARGET [VAR=value...]|run CMD...|shell|info|remove" >&2
        exit 64
        ;;
esac
shift 2 || shift $#

root="$repo/.lanes/$lane"
mirror="${LANE_MIRROR:-http://deb.debian.org/debian}"
venv=/opt/fibre-resilience/venv
# The plugin's Python dependencies from the lane's own packages (the machine's lane pins them
# with pip instead, see requirements-dev.txt); `make setup` adds its own APT_PACKAGES.
lane_packages="python3-venv python3-pip python3-numpy python3-shapely python3-scipy \
python3-pandas python3-gdal python3-networkx python3-openpyxl python3-pytest"
# `make` inside the lane: the lane's venv and requirements, the lane's packages.
lane_make=(make -C "$repo" "VENV=$venv" REQUIREMENTS=requirements-lane.txt CONSTRAINTS=
    "APT_EXTRA=$lane_packages")

log() { echo "lane $lane: $*" >&2; }

# ------------------------------------------------------------------------------- mounts

mounted=()

unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -R "${mounted[i]}" 2>/dev/null || umount -R -l "${mounted[i]}" || true
    done
    mounted=()
}

# Mounts left by a run that was killed (we hold the lock, so no run is in progress): unmount
# them before anything else, and above all before deleting the lane.
unmount_stale() {
    local target
    { grep -o " $root/[^ ]*" /proc/mounts || true; } | sed 's/^ //' | sort -r | while read -r target; do
        umount -R "$target" 2>/dev/null || umount -R -l "$target" || true
    done
    if grep -q " $root/" /proc/mounts; then
        echo "lane $lane: cannot unmount what a previous run left mounted in $root" >&2
        exit 1
    fi
}

mount_lane() {
    trap unmount_all EXIT
    trap 'exit 130' INT TERM
    mount -t proc proc "$root/proc"
    mounted+=("$root/proc")
    local dir
    for dir in sys dev; do
        mount --rbind "/$dir" "$root/$dir"
        # changes inside the lane (and its unmounting) never reach the machine's /sys, /dev
        mount --make-rslave "$root/$dir"
        mounted+=("$root/$dir")
    done
    mkdir -p "$root$repo"
    mount --bind "$repo" "$root$repo"
    mount --make-private "$root$repo"
    mounted+=("$root$repo")
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}

in_lane() {
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        ${CI:+CI="$CI"} "$@" 9>&- # the lock stays with this script, not with a server a test starts
}

# ------------------------------------------------------------------------------- build

bootstrap() {
    if ! command -v debootstrap >/dev/null; then
        log "installing debootstrap"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    fi
    rm -rf "$root"
    mkdir -p "$root"
    log "debootstrap $lane from $mirror into $root"
    debootstrap --variant=minbase --include=make,ca-certificates "$lane" "$root" "$mirror" \
        >"$repo/.lanes/$lane-debootstrap.log" 2>&1 || {
        tail -n 20 "$repo/.lanes/$lane-debootstrap.log" >&2
        exit 1
    }
    # A lane needs no manuals or documentation, no recommended extras, and starts no daemons
    # at install time (PostgreSQL's postinst would start its default cluster otherwise).
    printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
        'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*' \
        >"$root/etc/dpkg/dpkg.cfg.d/01-lane-nodoc"
    # A mirror that serves a snapshot of the archive (as some CI machines have) gives Release
    # files past their Valid-Until date; a test lane accepts them.
    printf '%s\n' 'APT::Install-Recommends "false";' 'APT::Install-Suggests "false";' \
        'Acquire::Retries "3";' 'Acquire::Check-Valid-Until "false";' \
        >"$root/etc/apt/apt.conf.d/01-lane"
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    if [ "$lane" = trixie ]; then
        printf '%s\n' "deb $mirror trixie main" "deb $mirror trixie-updates main" \
            "deb ${mirror%/debian}/debian-security trixie-security main" \
            >"$root/etc/apt/sources.list"
    fi
    touch "$root/.lane-bootstrapped"
}

# The lane trusts the certificate authorities the machine added (a proxy's, a company's) and
# uses the machine's global pip settings, so that pip reaches the same index as on the machine.
trust_like_the_machine() {
    local crt
    for crt in /usr/local/share/ca-certificates/*.crt; do
        [ -f "$crt" ] && cp "$crt" "$root/usr/local/share/ca-certificates/"
    done
    in_lane update-ca-certificates >/dev/null
    if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$root/etc/pip.conf"; fi
}

build() {
    [ -f "$root/.lane-ready" ] && return 0
    local start
    start=$(date +%s)
    mkdir -p "$repo/.lanes"
    [ -f "$root/.lane-bootstrapped" ] || bootstrap
    mount_lane
    log "installing QGIS and the dependencies from $lane's packages (make setup inside the lane)"
    in_lane apt-get update -qq
    trust_like_the_machine
    in_lane "${lane_make[@]}" setup
    in_lane apt-get clean
    unmount_all
    {
        echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "seconds=$(($(date +%s) - start))"
    } >"$root/.lane-ready"
    log "built in $(($(date +%s) - start)) s, $(du -sh --one-file-system "$root" | cut -f1)"
}

info() {
    [ -f "$root/.lane-ready" ] || {
        echo "lane $lane: not built"
        return 0
    }
    cat "$root/.lane-ready"
    echo "size=$(du -sh --one-file-system "$root" | cut -f1)"
    chroot "$root" /usr/bin/dpkg-query -W -f '${Package} ${Version}\n' qgis python3 \
        python3-numpy python3-shapely python3-gdal python3-scipy python3-pandas \
        python3-networkx python3-pytest postgresql postgis 2>/dev/null || true
}

remove() {
    rm -rf "$root" "$repo/.lanes/$lane-debootstrap.log"
}

# ------------------------------------------------------------------------------- main

mkdir -p "$repo/.lanes"
exec 9>"$repo/.lanes/$lane.lock"
flock 9
unmount_stale

case "$action" in
    build) build ;;
    info) info ;;
    remove) remove ;;
    make)
        build
        mount_lane
        in_lane "${lane_make[@]}" "$@"
        ;;
    run)
        build
        mount_lane
        in_lane "$@"
        ;;
    shell)
        build
        mount_lane
        in_lane bash -c "cd '$repo' && exec bash -i"
        ;;
    *)
        echo "usage: $0 $lane build|make TARGET [VAR=value...]|run CMD...|shell|info|remove" >&2
        exit 64
        ;;
esac
