#!/usr/bin/env bash
# A throwaway single-node Ceph RGW on 127.0.0.1 (1 mon, 1 OSD, radosgw beast), without Docker or systemd.
#
#   rgw/rgw.sh start    install Ceph if missing, bring the cluster up, wait for S3, print the env (idempotent)
#   rgw/rgw.sh env      print the env of the running instance
#   rgw/rgw.sh status   exit 0 if the instance is up and S3 answers
#   rgw/rgw.sh stop     kill the daemons this script started and remove the data dir
#   rgw/rgw.sh build    only build (or check) the chroot of RGW_RELEASE
#
# stdout carries only `export KEY=VALUE` lines, so `eval "$(rgw/rgw.sh start)"` works; progress goes to stderr.
# Settings: RGW_DIR (data dir, default <repo>/.rgw, one instance per git worktree), RGW_PORT (S3 port,
# default 7480 if free, else a free one), RGW_OBJECTSTORE (bluestore | memstore, default bluestore on a
# sparse file), RGW_STORE_GB (default 32), RGW_STOP_GRACE (seconds of SIGTERM before SIGKILL, default 0),
# RGW_TIMEOUT (seconds for S3 to come up, default 90).
# RGW_TLS=1 adds https: at start a throwaway CA and a server certificate for IP 127.0.0.1 and DNS localhost
# are made with openssl under <data dir>/tls (keys mode 0600, EC P-256, valid 30 days), and beast listens on
# both the plain port and an ssl_endpoint on RGW_TLS_PORT (default 7443 if free, else a free one). `env` then
# prints AWS_ENDPOINT_URL=https://127.0.0.1:TLSPORT and AWS_CA_BUNDLE=<data dir>/tls/ca.pem, and in both
# modes S3PUMP_HTTP_ENDPOINT_URL (and with TLS S3PUMP_HTTPS_ENDPOINT_URL), so tests can reach each one.
# The instance remembers its mode in <data dir>/state: `env`, `status` and a repeated `start` answer for
# the instance as it was started, whatever RGW_TLS says now (stop it to change the mode).
# RGW_RELEASE picks the Ceph release (the instance remembers it like the TLS mode; `env` prints
# S3PUMP_RGW_RELEASE and, on stderr, the `ceph version` line of its radosgw):
#   pacific   16.2 (Debian 12's 16.2.15), the host's own packages, installed with apt-get when missing (default)
#   reef      18.2 (18.2.7) from a Debian trixie chroot
#   tentacle  20.2 (20.2.4) from a Debian sid chroot
# (No Debian suite ships squid 19.2: trixie has 18.2, sid and forky 20.2, experimental and the backports none.)
# A chroot is built once, as root: `debootstrap --variant=minbase SUITE DIR MIRROR` (MIRROR: the first
# .../debian URI in this host's apt sources, or RGW_DEBIAN_MIRROR), then apt-get -o
# Acquire::Check-Valid-Until=false update and apt-get install --no-install-recommends radosgw ceph-mon ceph-osd
# ceph-common curl iproute2 procps openssl, with a policy-rc.d that forbids starting services (without it
# ceph-mon's postinst fails on sid, trying to restart ceph-mon.service). It is cached in
# ${RGW_CHROOT_CACHE:-${XDG_CACHE_HOME:-~/.cache}/s3pump}/ceph-<release> (reef ~0.7 GB, tentacle ~0.8 GB),
# with the marker .s3pump-chroot-complete written last: a chroot without it is removed and rebuilt. Measured:
# about 5.5 min each (both at once, on a busy machine); the log is ceph-<release>.build.log next to it.
# Its daemons and Ceph commands run in a private mount namespace (unshare -m, then chroot) in which /proc,
# /dev, /sys and the data dir (at its host path) are mounted: those mounts vanish with the processes, so
# `stop` (SIGKILL, rm -rf of the data dir) leaves nothing mounted and the cached chroot untouched. The network
# is the host's: everything still listens on 127.0.0.1 only, on the same ports. Start times, one machine at a
# load average of ~7 on 2 cores (another benchmark running): pacific 9.5 s, reef 9.6 s, tentacle 10.0 s (all
# with TLS; reef 10.5 s and tentacle 10.1 s without), so the chroot adds no measurable time.
# Each setting is explained where it is written (write_conf); measured on Ceph 16.2.15, used unchanged on
# 18.2.7 and 20.2.4.
set -Eeuo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")
DIR=$(realpath -m "${RGW_DIR:-$root/.rgw}")
CONF="$DIR/ceph.conf"
MARKER="$DIR/.s3pump-rgw"        # only a dir holding this file is ever removed
STATE="$DIR/state"               # release=, rootfs=, ceph=, port=, tls_port= (empty without TLS) of the instance
TLS_DIR="$DIR/tls"
ACCESS_KEY=test
SECRET_KEY=test
REGION=us-east-1
TIMEOUT=${RGW_TIMEOUT:-90}
OBJECTSTORE=${RGW_OBJECTSTORE:-bluestore}
STORE_GB=${RGW_STORE_GB:-32}
DAEMONS=(rgw osd mon)            # stop order
PORT_LOCK=${TMPDIR:-/tmp}/s3pump-rgw-port.lock
RELEASE=${RGW_RELEASE:-pacific}
CHROOT_CACHE=$(realpath -m "${RGW_CHROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/s3pump}")

say() { printf 'rgw: %s\n' "$*" >&2; }
die() { printf 'rgw: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

case "${RGW_TLS:-0}" in 0|1) ;; *) die "RGW_TLS must be 0 or 1, not '${RGW_TLS}'";; esac
case "$OBJECTSTORE" in bluestore|memstore) ;; *) die "RGW_OBJECTSTORE must be bluestore or memstore, not '$OBJECTSTORE'";; esac
[[ "$STORE_GB" =~ ^[1-9][0-9]*$ ]] || die "RGW_STORE_GB must be a positive integer, not '$STORE_GB'"

# --- releases -------------------------------------------------------------------------------------------
# pacific runs the host's own Ceph; every other release runs from a Debian chroot built once (build_root)
# and cached in $CHROOT_CACHE/ceph-<release>. Ceph commands then go through IN_ROOT: a private mount
# namespace (unshare -m) in which /proc, /dev, /sys and the data dir are mounted into the chroot, then
# chroot. The data dir keeps its host path inside, so ceph.conf, pid files and logs read the same on both
# sides. The mounts exist only in that namespace: they vanish with the last process in it (a one-shot
# command's exit, or a daemon's SIGKILL at stop), nothing is ever mounted in the host's namespace, and a
# cached chroot can be deleted with rm -rf at any time without reaching into /dev. The network is the
# host's, so the daemons listen on 127.0.0.1 as before and ss/curl/openssl on the host see them.
suite_of() {
    case "$1" in
        pacific) echo "" ;;          # Debian 12 bookworm's own 16.2 on the host
        reef) echo trixie ;;         # Ceph 18.2
        tentacle) echo sid ;;        # Ceph 20.2
        *) return 1 ;;
    esac
}
if ! suite_of "$RELEASE" >/dev/null; then
    case "${1:-}" in start|build) die "RGW_RELEASE must be pacific, reef or tentacle, not '$RELEASE'" ;; esac
    RELEASE=pacific # stop, status and env act on the instance as it was started, whatever RGW_RELEASE says
fi
SUITE=$(suite_of "$RELEASE")
rootfs_of() { [ -z "$(suite_of "$1")" ] || echo "$CHROOT_CACHE/ceph-$1"; }
ROOTFS=$(rootfs_of "$RELEASE")
ROOT_DONE=.s3pump-chroot-complete  # in the chroot's /; written last, so a half-built chroot is rebuilt
IN_ROOT_SH='r=$1 d=$2; shift 2
mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t sysfs sysfs "$r/sys" &&
    mkdir -p "$r$d" && mount --bind "$d" "$r$d" || exit 125
exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"'
in_root_for() { # IN_ROOT for chroot $1 ("" = the host)
    IN_ROOT=()
    [ -z "$1" ] || IN_ROOT=(unshare --mount --propagation private -- sh -c "$IN_ROOT_SH" in-root "$1" "$DIR")
}
in_root_for "$ROOTFS"

# --- our processes --------------------------------------------------------------------------------------

# True if PID is a live (non-zombie) process whose command line names our ceph.conf.
ours() {
    local pid=$1 cmd state
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [ "$state" != Z ] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ " $cmd " == *" $CONF "* ]]
}

pid_of() { cat "$DIR/run/$1.pid" 2>/dev/null || true; }
alive() { ours "$(pid_of "$1")"; }

# Starts a daemon detached from this shell: own session, no inherited stdout (a caller's `$(...)` would
# otherwise wait for the daemon to exit), no inherited lock fd.
launch() {
    local name=$1; shift
    setsid "$@" </dev/null >>"$DIR/log/$name.out" 2>&1 7>&- 8>&- 9>&- &
    echo $! >"$DIR/run/$name.pid"
    disown
}

kill_ours() {
    local grace=${RGW_STOP_GRACE:-0} name pid pids=() deadline
    for name in "${DAEMONS[@]}"; do
        pid=$(pid_of "$name")
        if ours "$pid"; then pids+=("$pid"); fi
    done
    [ ${#pids[@]} -gt 0 ] || return 0
    if [ "$grace" -gt 0 ] 2>/dev/null; then
        kill -TERM "${pids[@]}" 2>/dev/null || true
        deadline=$((SECONDS + grace))
        while [ $SECONDS -lt $deadline ]; do
            local left=0
            for pid in "${pids[@]}"; do if ours "$pid"; then left=1; fi; done
            [ $left = 1 ] || break
            sleep 0.1
        done
    fi
    for pid in "${pids[@]}"; do if ours "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi; done
    for _ in $(seq 100); do
        local left=0
        for pid in "${pids[@]}"; do if ours "$pid"; then left=1; fi; done
        [ $left = 1 ] || return 0
        sleep 0.05
    done
    die "stop: pids ${pids[*]} still alive after SIGKILL"
}

remove_dir() {
    [ -e "$DIR" ] || return 0
    [ -f "$MARKER" ] || die "refusing to remove $DIR: it was not created by rgw.sh (no $(basename "$MARKER"))"
    rm -rf -- "$DIR"
}

# The daemons' mount namespaces died with them; what is left in the chroot is the empty directory the data
# dir was mounted on (and its empty parents). The chroot itself stays cached.
tidy_root() {
    local r=$1 d=$DIR
    [ -n "$r" ] && [ -f "$r/$ROOT_DONE" ] || return 0
    while [ "$d" != / ] && [ -n "$d" ]; do
        rmdir -- "$r$d" 2>/dev/null || break
        d=$(dirname "$d")
    done
}

# --- status and env -------------------------------------------------------------------------------------

state_get() { sed -n "s/^$1=//p" "$STATE" 2>/dev/null | head -1; }
port() { state_get port; }
tls_port() { state_get tls_port; }
inst_release() { local r; r=$(state_get release); echo "${r:-pacific}"; }
inst_version() { state_get ceph; }

s3_answers() { # any HTTP answer from S3 at 127.0.0.1:$1
    local code
    code=$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$1/" 2>/dev/null) || true
    [ -n "$code" ] && [ "$code" != 000 ]
}

s3_answers_tls() { # any HTTPS answer from S3 at 127.0.0.1:$1, its certificate verified against our CA
    local code
    code=$(curl -s -o /dev/null -m 3 -w '%{http_code}' --cacert "$TLS_DIR/ca.pem" "https://127.0.0.1:$1/" 2>/dev/null) || true
    [ -n "$code" ] && [ "$code" != 000 ]
}

signed_list_ok() { # the test user can list its buckets with a SigV4 request (on port $1, scheme $2)
    local code scheme=${2:-http} ca=()
    [ "$scheme" = http ] || ca=(--cacert "$TLS_DIR/ca.pem")
    # RGW insists on x-amz-content-sha256 (curl does not add it); this is the hash of the empty body.
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' --aws-sigv4 "aws:amz:$REGION:s3" \
        --user "$ACCESS_KEY:$SECRET_KEY" \
        -H 'x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
        "${ca[@]}" "$scheme://127.0.0.1:$1/" 2>/dev/null) || true
    [ "$code" = 200 ]
}

# True if our radosgw is the one listening on port $1: another instance may hold the port we chose, and
# then its answers must not be mistaken for ours.
our_listener() {
    local pid
    pid=$(pid_of rgw)
    [ -n "$pid" ] && ss -Hltnp "sport = :$1" 2>/dev/null | grep -q "pid=$pid,"
}

our_s3_answers() { our_listener "$1" && s3_answers "$1"; }

running() {
    [ -f "$MARKER" ] || return 1
    local d p t
    for d in "${DAEMONS[@]}"; do alive "$d" || return 1; done
    p=$(port)
    [ -n "$p" ] && our_s3_answers "$p" || return 1
    t=$(tls_port)
    [ -z "$t" ] || { our_listener "$t" && s3_answers_tls "$t"; }
}

# The URL clients should use: https when the instance was started with TLS.
url() { if [ -n "$(tls_port)" ]; then echo "https://127.0.0.1:$(tls_port)"; else echo "http://127.0.0.1:$(port)"; fi; }

print_env() {
    local p t
    p=$(port) t=$(tls_port)
    say "release $(inst_release): $(inst_version)"
    if [ -n "$t" ]; then
        printf 'export AWS_ENDPOINT_URL=https://127.0.0.1:%s\n' "$t"
        printf 'export AWS_CA_BUNDLE=%s\n' "$TLS_DIR/ca.pem"
        printf 'export S3PUMP_HTTP_ENDPOINT_URL=http://127.0.0.1:%s\n' "$p"
        printf 'export S3PUMP_HTTPS_ENDPOINT_URL=https://127.0.0.1:%s\n' "$t"
    else
        printf 'export AWS_ENDPOINT_URL=http://127.0.0.1:%s\n' "$p"
        printf 'export S3PUMP_HTTP_ENDPOINT_URL=http://127.0.0.1:%s\n' "$p"
    fi
    printf 'export AWS_ACCESS_KEY_ID=%s\n' "$ACCESS_KEY"
    printf 'export AWS_SECRET_ACCESS_KEY=%s\n' "$SECRET_KEY"
    printf 'export AWS_REGION=%s\n' "$REGION"
    printf 'export AWS_DEFAULT_REGION=%s\n' "$REGION"
    printf 'export S3PUMP_RGW_RELEASE=%s\n' "$(inst_release)"
}

# --- install --------------------------------------------------------------------------------------------

install_missing() {
    local pkgs=()
    if [ -z "$ROOTFS" ]; then
        command -v radosgw >/dev/null 2>&1 || pkgs+=(ceph-mon ceph-osd radosgw ceph-common)
    else
        command -v debootstrap >/dev/null 2>&1 || pkgs+=(debootstrap)
    fi
    [ -x /usr/bin/aws ] || pkgs+=(awscli)
    command -v curl >/dev/null 2>&1 || pkgs+=(curl)
    command -v ss >/dev/null 2>&1 || pkgs+=(iproute2)
    [ "${RGW_TLS:-0}" = 0 ] || command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
    [ ${#pkgs[@]} -gt 0 ] || return 0
    local sudo=() log t
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    log=$(mktemp /tmp/rgw-install.XXXXXX.log)
    t=$(now)
    say "installing ${pkgs[*]} (apt-get, about a minute; log: $log)"
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"; } \
           </dev/null >"$log" 2>&1; then
        die "start failed at step 'install packages'; read $log"
    fi
    [ -n "$ROOTFS" ] || command -v radosgw >/dev/null 2>&1 || die "start failed at step 'install packages' (no radosgw afterwards); read $log"
    say "installed in $(since "$t") s"
    rm -f "$log"
}

# The Debian mirror this host's apt sources name (the first deb URI ending in /debian), for debootstrap.
host_mirror() {
    local f uri
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk '/^[[:space:]]*#/ { next }
                   $1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }
                   $1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f" |
              grep -E '^(https?|file):.*/debian/?$' | head -1) || true
        if [ -n "$uri" ]; then echo "${uri%/}"; return 0; fi
    done
    return 1
}

# What build_root runs, in its own mount namespace (debootstrap's and apt's mounts of /proc, /dev and /sys
# go away with it, even when a step fails half-way).
BUILD_SH='set -eu
suite=$1 r=$2 mirror=$3
debootstrap --variant=minbase "$suite" "$r" "$mirror"
# No service may start inside the chroot (policy-rc.d), and there is no systemd to talk to.
printf "#!/bin/sh\nexit 101\n" >"$r/usr/sbin/policy-rc.d"
chmod 755 "$r/usr/sbin/policy-rc.d"
mount -t proc proc "$r/proc"
mount --rbind /dev "$r/dev"
mount -t sysfs sysfs "$r/sys"
inr() { chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }
# sid'"'"'s Release file may be past its Valid-Until date.
inr apt-get -q -o Acquire::Check-Valid-Until=false update
pkgs="radosgw ceph-mon ceph-osd ceph-common curl iproute2 procps openssl"
if ! inr apt-get install -y -q --no-install-recommends $pkgs; then
    # A maintainer script that insists on systemd (ceph-mon'"'"'s postinst on sid) leaves its package
    # unconfigured; the binaries are unpacked and work. Finish what can be finished and go on.
    echo "build: apt-get install failed; configuring what can be configured (dpkg --configure -a)"
    inr dpkg --configure -a || true
    inr dpkg -l | awk '"'"'$1 != "ii" && $1 ~ /^[a-z][A-Z]/ { print "build: left " $1 ": " $2 " " $3 }'"'"'
fi
inr apt-get clean
for b in radosgw radosgw-admin ceph-mon ceph-osd ceph monmaptool curl ss openssl; do
    inr sh -c "command -v $b" >/dev/null || { echo "build: $b is missing"; exit 1; }
done
inr radosgw --version
inr ceph-mon --version
inr ceph-osd --version
inr ceph --version
'

# Builds the chroot of $RELEASE once (debootstrap --variant=minbase + apt-get), or waits for a concurrent
# build of it. A chroot without the completion marker is a half-built one: it is removed and rebuilt.
build_root() {
    [ -n "$ROOTFS" ] || return 0
    [ -f "$ROOTFS/$ROOT_DONE" ] && return 0
    mkdir -p "$CHROOT_CACHE"
    { exec 7>>"$CHROOT_CACHE/ceph-$RELEASE.lock"; } 2>/dev/null
    flock -w 3600 7 || die "another rgw.sh has been building $ROOTFS for an hour"
    if [ -f "$ROOTFS/$ROOT_DONE" ]; then exec 7>&-; return 0; fi
    command -v debootstrap >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1 && command -v chroot >/dev/null 2>&1 ||
        die "RGW_RELEASE=$RELEASE needs debootstrap, unshare and chroot (apt-get install debootstrap util-linux coreutils)"
    [ "$(id -u)" = 0 ] || die "RGW_RELEASE=$RELEASE runs Ceph in a chroot, which needs root"
    local mirror log t
    mirror=${RGW_DEBIAN_MIRROR:-$(host_mirror)} || die "no Debian mirror in /etc/apt/sources.list(.d); set RGW_DEBIAN_MIRROR"
    log="$CHROOT_CACHE/ceph-$RELEASE.build.log"
    if [ -e "$ROOTFS" ]; then
        # Nothing is ever mounted there in this namespace (see IN_ROOT); make sure before removing it.
        if findmnt -rn -o TARGET | grep -q "^$ROOTFS/"; then
            die "$ROOTFS is half-built and has something mounted in it; unmount it (findmnt | grep $ROOTFS), then retry"
        fi
        say "removing the half-built chroot $ROOTFS"
        rm -rf --one-file-system -- "$ROOTFS"
    fi
    t=$(now)
    say "building the $RELEASE chroot: Debian $SUITE from $mirror into $ROOTFS (once; a few minutes; log: $log)"
    if ! unshare --mount --propagation private -- sh -c "$BUILD_SH" build "$SUITE" "$ROOTFS" "$mirror" \
            </dev/null >"$log" 2>&1 8>&- 9>&-; then
        die "building the $RELEASE chroot failed; read $log (the next start rebuilds it)"
    fi
    printf 'release=%s\nsuite=%s\nmirror=%s\nbuilt=%s\nseconds=%s\nceph=%s\n' "$RELEASE" "$SUITE" "$mirror" \
        "$(date -u +%FT%TZ)" "$(since "$t")" "$(grep -m1 '^ceph version' "$log")" >"$ROOTFS/$ROOT_DONE"
    say "built the $RELEASE chroot in $(since "$t") s ($(du -sh --one-file-system "$ROOTFS" | cut -f1)): $(grep -m1 '^ceph version' "$log")"
    exec 7>&-
}

# --- start ----------------------------------------------------------------------------------------------

port_free() { [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

free_port() { # a free port in [$1, $2]
    local p
    for _ in $(seq 200); do
        p=$(($1 + RANDOM % ($2 - $1 + 1)))
        if port_free "$p"; then echo "$p"; return 0; fi
    done
    return 1
}

write_conf() {
    local fsid=$1 mon_port=$2 rgw_port=$3 bytes=$((STORE_GB * 1024 * 1024 * 1024)) asok="$DIR/run/\$name.asok"
    # A Unix socket path holds at most 107 bytes; nothing here needs the admin sockets, so drop them rather
    # than have every daemon log a bind error when the checkout lies deep.
    [ $((${#DIR} + 30)) -le 107 ] || asok=""
    cat >"$CONF" <<EOF
# Written by rgw/rgw.sh; see RGW.md for why each setting is here.
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
# radosgw forces ms_mon_client_mode=secure for itself, which auth none cannot satisfy: it would hang.
ms mon client mode = crc secure
mon warn on insecure global id reclaim allowed = false
run dir = $DIR/run
admin socket = $asok
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
mon data = $DIR/\$name
osd data = $DIR/\$name
rgw data = $DIR/\$name
mgr data = $DIR/\$name
keyring = $DIR/keyring
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd crush chooseleaf type = 0
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
mon allow pool delete = true
mon warn on pool no redundancy = false
# A shared disk may be well filled; the default 5 % critical threshold would shut the mon down.
mon data avail crit = 1
mon data avail warn = 2
# A lone mon waits this long per paxos round; radosgw's first start creates pools one round at a time.
paxos propose interval = 0.05
osd objectstore = $OBJECTSTORE
memstore device bytes = $bytes
memstore page set = false
bluestore block create = true
bluestore block size = $bytes
osd memory target = 1073741824
bluestore fsck on mount = false
bluestore fsck on mkfs = false
bluestore fsck on umount = false

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
# (with RGW_TLS=1 also ssl_endpoint=127.0.0.1:TLSPORT ssl_certificate=$TLS_DIR/server.pem
#  ssl_private_key=$TLS_DIR/server.key; beast serves both from the same threads)
# The 2 h default would keep overwritten and deleted data around for the whole session.
rgw gc obj min wait = 60
rgw gc processor period = 60
EOF
}

# A throwaway CA and a server certificate signed by it (so AWS_CA_BUNDLE holds the CA, as with a real
# deployment), for IP 127.0.0.1 and DNS localhost. EC P-256: the cheapest handshake every peer speaks.
make_certs() {
    local log=$1 ext
    mkdir -p "$TLS_DIR"
    chmod 700 "$TLS_DIR"
    ext="$TLS_DIR/server.ext"
    printf '%s\n' 'basicConstraints = critical, CA:FALSE' 'keyUsage = critical, digitalSignature' \
        'extendedKeyUsage = serverAuth' 'subjectAltName = IP:127.0.0.1, DNS:localhost' >"$ext"
    ( umask 077
      cd "$TLS_DIR"
      openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 30 \
          -subj "/CN=s3pump local RGW CA $(basename "$(dirname "$DIR")")" -keyout ca.key -out ca.pem \
          -addext 'basicConstraints = critical, CA:TRUE' -addext 'keyUsage = critical, keyCertSign, cRLSign' &&
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -subj /CN=localhost \
          -keyout server.key -out server.csr &&
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
          -days 30 -sha256 -extfile "$ext" -out server.pem
    ) </dev/null >>"$log" 2>&1 8>&- 9>&-
    chmod 600 "$TLS_DIR/ca.key" "$TLS_DIR/server.key"
    chmod 644 "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem"
    rm -f "$TLS_DIR/server.csr"
}

STEP=""
STEP_LOG=""
STEP_DAEMON=""
step() { STEP=$1; STEP_LOG=$2; STEP_DAEMON=${3:-}; }

# Runs a one-shot command for the current step, its output into the step's log.
run() { timeout 60 "$@" </dev/null >>"$STEP_LOG" 2>&1 7>&- 8>&- 9>&-; }

# Polls "$@" every 0.2 s until it succeeds; fails the step after $1 seconds or when daemon $2 dies.
wait_for() {
    local secs=$1 daemon=$2; shift 2
    local deadline=$(($(date +%s) + secs))
    until "$@"; do
        alive "$daemon" || return 1
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

ceph_q() { timeout 10 "${IN_ROOT[@]}" ceph -c "$CONF" --connect-timeout 5 "$@" </dev/null 2>>"$DIR/log/ceph-cli.out" 7>&- 8>&- 9>&-; }
mon_up() { ceph_q mon stat >/dev/null; }
osd_up() { ceph_q osd dump 2>/dev/null | grep -q '^osd\.0 up'; }

start_failed() {
    trap - ERR
    # A daemon that died at once says why on its stderr, not in its log file.
    if [ -n "$STEP_DAEMON" ] && ! alive "$STEP_DAEMON" && [ -s "$DIR/log/$STEP_DAEMON.out" ]; then
        STEP_LOG="$DIR/log/$STEP_DAEMON.out"
    fi
    kill_ours 2>/dev/null || true
    printf 'rgw: start failed at step %s; read %s (daemons stopped; rgw/rgw.sh stop removes %s)\n' \
        "'$STEP'" "$STEP_LOG" "$DIR" >&2
    exit 1
}

start() {
    if running; then
        say "already running at $(url) (data: $DIR)"
        if [ "$(inst_release)" != "$RELEASE" ]; then
            say "note: this instance runs $(inst_release); RGW_RELEASE=$RELEASE takes effect after rgw/rgw.sh stop"
        fi
        if [ "${RGW_TLS:-0}" = 1 ] && [ -z "$(tls_port)" ]; then
            say "note: this instance was started without TLS; RGW_TLS=1 takes effect after rgw/rgw.sh stop"
        fi
        print_env
        return 0
    fi
    if [ -e "$DIR" ]; then
        if [ -f "$MARKER" ]; then
            say "cleaning up a stale instance in $DIR"
            local stale_root
            stale_root=$(state_get rootfs)
            kill_ours
            remove_dir
            tidy_root "$stale_root"
        elif [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
            die "$DIR exists and was not created by rgw.sh; set RGW_DIR to another path"
        fi
    fi
    install_missing
    build_root

    local t0 fsid mon_port rgw_port uuid tls_port="" frontends
    t0=$(now)
    mkdir -p "$DIR"
    : >"$MARKER"
    mkdir -p "$DIR/run" "$DIR/log" "$DIR/crash" "$DIR/mon.a" "$DIR/osd.0"
    trap start_failed ERR
    step "run radosgw --version${ROOTFS:+ in $ROOTFS}" "$DIR/log/version.out"
    run "${IN_ROOT[@]}" radosgw --version
    printf 'release=%s\nrootfs=%s\nceph=%s\n' "$RELEASE" "$ROOTFS" "$(grep -m1 '^ceph version' "$STEP_LOG")" >"$STATE"
    say "release $RELEASE: $(inst_version)${ROOTFS:+ (chroot $ROOTFS)}"

    if [ "${RGW_TLS:-0}" = 1 ]; then
        step "make the TLS certificates" "$DIR/log/tls.out"
        make_certs "$DIR/log/tls.out"
        say "CA and server certificate for 127.0.0.1 and localhost in $TLS_DIR ($(since "$t0") s)"
    fi

    fsid=$(cat /proc/sys/kernel/random/uuid)
    mon_port=$(free_port 20000 29999)
    write_conf "$fsid" "$mon_port" 7480 # the S3 port is chosen right before radosgw binds it

    step "create the mon" "$DIR/log/mon-mkfs.out"
    run "${IN_ROOT[@]}" monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$DIR/monmap"
    run "${IN_ROOT[@]}" ceph-mon -c "$CONF" -i a --mkfs --monmap "$DIR/monmap"
    step "start the mon" "$DIR/log/mon.a.log" mon
    launch mon "${IN_ROOT[@]}" ceph-mon -c "$CONF" -i a -f
    wait_for 30 mon mon_up
    say "mon up on port $mon_port ($(since "$t0") s)"

    step "create the OSD ($OBJECTSTORE)" "$DIR/log/osd-mkfs.out"
    uuid=$(cat /proc/sys/kernel/random/uuid)
    run "${IN_ROOT[@]}" ceph -c "$CONF" osd new "$uuid"
    run "${IN_ROOT[@]}" ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$uuid"
    step "start the OSD" "$DIR/log/osd.0.log" osd
    launch osd "${IN_ROOT[@]}" ceph-osd -c "$CONF" -i 0 -f
    wait_for 30 osd osd_up
    say "osd up ($OBJECTSTORE, $(since "$t0") s)"

    step "start radosgw" "$DIR/log/client.rgw.a.log" rgw
    # Instances of other worktrees may start at the same moment and all want 7480. Choosing the port and
    # radosgw binding it happen under one machine-wide lock, so the later one picks another free port.
    # (Losing that race costs more than a retry: radosgw-admin then waits ~30 s for the dead radosgw's
    # watches to time out.)
    { exec 8>>"$PORT_LOCK"; } 2>/dev/null && flock -w 120 8 || true
    if [ -n "${RGW_PORT:-}" ]; then
        rgw_port=$RGW_PORT
        port_free "$rgw_port" || { trap - ERR; kill_ours; die "start failed: RGW_PORT $rgw_port is in use"; }
    elif port_free 7480; then
        rgw_port=7480
    else
        rgw_port=$(free_port 30000 39999)
    fi
    frontends="beast endpoint=127.0.0.1:$rgw_port"
    if [ "${RGW_TLS:-0}" = 1 ]; then
        if [ -n "${RGW_TLS_PORT:-}" ]; then
            tls_port=$RGW_TLS_PORT
            { port_free "$tls_port" && [ "$tls_port" != "$rgw_port" ]; } ||
                { trap - ERR; kill_ours; die "start failed: RGW_TLS_PORT $tls_port is in use"; }
        elif port_free 7443 && [ "$rgw_port" != 7443 ]; then
            tls_port=7443
        else
            tls_port=$(free_port 40000 49999)
        fi
        frontends+=" ssl_endpoint=127.0.0.1:$tls_port ssl_certificate=$TLS_DIR/server.pem"
        frontends+=" ssl_private_key=$TLS_DIR/server.key"
    fi
    # '|' as the delimiter: the paths hold '/'.
    sed -i "s|^rgw frontends = .*|rgw frontends = $frontends|" "$CONF"
    launch rgw "${IN_ROOT[@]}" radosgw -c "$CONF" -n client.rgw.a -f
    local left
    left=$((TIMEOUT - $(date +%s) + ${t0%.*}))
    wait_for "$((left > 5 ? left : 5))" rgw our_listener "$rgw_port"
    [ -z "$tls_port" ] || wait_for 15 rgw our_listener "$tls_port"
    exec 8>&-
    wait_for 15 rgw s3_answers "$rgw_port"
    if [ -n "$tls_port" ]; then
        step "https answers (curl --cacert $TLS_DIR/ca.pem)" "$DIR/log/client.rgw.a.log" rgw
        wait_for 15 rgw s3_answers_tls "$tls_port"
    fi
    printf 'port=%s\ntls_port=%s\n' "$rgw_port" "$tls_port" >>"$STATE"
    say "radosgw answers on port $rgw_port${tls_port:+ and https on $tls_port} ($(since "$t0") s)"

    step "create the S3 user" "$DIR/log/user-create.out"
    run "${IN_ROOT[@]}" radosgw-admin -c "$CONF" user create --uid=test --access-key="$ACCESS_KEY" --secret="$SECRET_KEY" \
        --display-name test
    step "signed ListBuckets as user test" "$DIR/log/client.rgw.a.log"
    wait_for 15 rgw signed_list_ok "$rgw_port"
    if [ -n "$tls_port" ]; then
        step "signed ListBuckets over https" "$DIR/log/client.rgw.a.log"
        wait_for 15 rgw signed_list_ok "$tls_port" https
    fi
    trap - ERR
    say "S3 ready at $(url)${tls_port:+ (and http://127.0.0.1:$rgw_port)} in $(since "$t0") s (data: $DIR)"
    print_env
}

stop() {
    if [ ! -e "$DIR" ]; then
        say "not running (no $DIR)"
        return 0
    fi
    [ -f "$MARKER" ] || die "$DIR was not created by rgw.sh; not touching it"
    local t0 rootfs
    t0=$(now)
    rootfs=$(state_get rootfs)
    kill_ours
    remove_dir
    tidy_root "$rootfs"
    say "stopped and removed $DIR in $(since "$t0") s"
}

# One rgw.sh at a time per parent directory: two starts of the same instance must not race.
# (A lock on the directory itself would vanish with the data dir.) Daemons are launched with fd 9 closed.
lock() {
    local parent
    parent=$(dirname "$DIR")
    mkdir -p "$parent"
    exec 9<"$parent"
    flock -w 300 9 || die "another rgw.sh is still running for $DIR"
}

cmd=${1:-}
case "$cmd" in
    start) lock; start ;;
    build) build_root; [ -z "$ROOTFS" ] || say "$RELEASE chroot: $ROOTFS ($(grep -m1 '^ceph=' "$ROOTFS/$ROOT_DONE" | cut -d= -f2-))" ;;
    stop) lock; stop ;;
    status)
        if running; then
            say "up at $(url)$([ -z "$(tls_port)" ] || echo " and http://127.0.0.1:$(port)") (data: $DIR)"
            say "release $(inst_release): $(inst_version)$([ -z "$(state_get rootfs)" ] || echo " (chroot $(state_get rootfs))")"
            exit 0
        fi
        say "not running (data: $DIR)"; exit 1 ;;
    env)
        running || die "not running (data: $DIR); start it with: eval \"\$(rgw/rgw.sh start)\""
        print_env ;;
    *) echo "usage: rgw/rgw.sh start|stop|status|env|build" >&2; exit 2 ;;
esac
