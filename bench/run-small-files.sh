#!/usr/bin/env bash
# Many small files, issue 12: `s3pump cp --recursive` of a tree of small files up to a prefix and back down, against
# rclone (`copy --transfers N`) and the AWS CLI (`s3 cp --recursive`), in turns, on one RGW, over http or https.
#
#   eval "$(RGW_TLS=1 rgw/rgw.sh start)"
#   bench/run-small-files.sh [--files 2000] [--size 1KiB] [--rounds 3] [--transfers 8] [--tls]
#
# Every figure is whole-process from /usr/bin/time (wall, user + system CPU); medians of the rounds, and each peer's
# ratio against s3pump in the same round. Keys are deleted between runs (outside the measurement). Over https every
# client is given the CA (AWS_CA_BUNDLE; rclone --ca-cert). Output: a markdown table on stdout, the raw runs in
# bench/results/small-files-<time>.csv.
set -Eeuo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")
files=2000 size=1024 rounds=3 transfers=8 tls=0
die() { printf 'small-files: %s\n' "$*" >&2; exit 1; }
say() { printf 'small-files: %s\n' "$*" >&2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --files) files=$2; shift 2 ;;
        --size) size=$(numfmt --from=iec "$(sed -E 's/I?B$//' <<<"${2^^}")"); shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --transfers) transfers=$2; shift 2 ;;
        --tls) tls=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
if [ "$tls" = 1 ]; then
    export AWS_ENDPOINT_URL=${S3PUMP_HTTPS_ENDPOINT_URL:-$AWS_ENDPOINT_URL}
    [[ "$AWS_ENDPOINT_URL" == https://* ]] || die "--tls: no https endpoint (start RGW with RGW_TLS=1)"
else
    export AWS_ENDPOINT_URL=${S3PUMP_HTTP_ENDPOINT_URL:-$AWS_ENDPOINT_URL}
    [[ "$AWS_ENDPOINT_URL" == http://* ]] || die "no http endpoint"
fi
for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do [ -n "${!v:-}" ] || die "$v is not set"; done
export AWS_REGION=${AWS_REGION:-us-east-1} AWS_DEFAULT_REGION=${AWS_REGION:-us-east-1}
command -v rclone >/dev/null || die "rclone is missing (apt-get install rclone)"
aws=$(command -v aws) || die "the AWS CLI is missing"
scheme=${AWS_ENDPOINT_URL%%:*}

work=$(mktemp -d /tmp/small-files.XXXXXX)
trap 'rm -rf "$work"' EXIT
src="$work/src"
mkdir -p "$src"
say "making $files files of $size bytes in $src"
for ((i = 0; i < files; i++)); do
    d="$src/d$((i % 20))"
    mkdir -p "$d"
    head -c "$size" /dev/urandom >"$d/f$i.bin"
done
bucket="small-files-$$"
(cd "$root" && ./s3pump mb "s3://$bucket" >/dev/null)
export RCLONE_CONFIG_RGW_TYPE=s3 RCLONE_CONFIG_RGW_PROVIDER=Ceph RCLONE_CONFIG_RGW_ENDPOINT=$AWS_ENDPOINT_URL
export RCLONE_CONFIG_RGW_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_RGW_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
export RCLONE_CONFIG_RGW_REGION=$AWS_REGION
rclone_tls=(); [ -n "${AWS_CA_BUNDLE:-}" ] && [ "$tls" = 1 ] && rclone_tls=(--ca-cert "$AWS_CA_BUNDLE")

clean() { (cd "$root" && ./s3pump rm --recursive --quiet "s3://$bucket/t" >/dev/null 2>&1) || true; rm -rf "$work/down"; }
out="$here/results/small-files-$(date -u +%Y%m%dT%H%M%SZ)-$scheme.csv"
mkdir -p "$here/results"
echo "round,client,direction,files,wall_s,cpu_s,exit" >"$out"
run() { # ROUND CLIENT DIRECTION COMMAND...
    local r=$1 c=$2 d=$3 rc=0 wall user sys; shift 3
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>"$work/err" || rc=$?
    read -r wall user sys < <(tail -1 "$work/time") # after "Command exited with non-zero status N"
    [ "$rc" = 0 ] || say "$c $d failed (exit $rc): $(head -c 300 "$work/err")"
    echo "$r,$c,$d,$files,$wall,$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }'),$rc" >>"$out"
}
# The launcher's class-data archive for this build, outside the measurement.
(cd "$root" && S3PUMP_CDS_WAIT=1 ./s3pump cp --recursive --quiet "$src" "s3://$bucket/t" && \
    S3PUMP_CDS_WAIT=1 ./s3pump cp --recursive --quiet --force "s3://$bucket/t" "$work/down") >/dev/null 2>&1 || true
clean
clients=(s3pump rclone aws-cli)
for ((r = 1; r <= rounds; r++)); do
    say "round $r of $rounds"
    for ((i = 0; i < ${#clients[@]}; i++)); do
        c=${clients[$(((i + r - 1) % ${#clients[@]}))]}
        case "$c" in
            s3pump)
                run "$r" "$c" up "$root/s3pump" cp --recursive --quiet --concurrency "$transfers" "$src" "s3://$bucket/t"
                run "$r" "$c" down "$root/s3pump" cp --recursive --quiet --concurrency "$transfers" "s3://$bucket/t" "$work/down" ;;
            rclone)
                # rclone 1.60 fails on AWS_CA_BUNDLE ("HTTPClient's transport unsupported type"): its own --ca-cert.
                run "$r" "$c" up env -u AWS_CA_BUNDLE rclone copy "${rclone_tls[@]}" --transfers "$transfers" "$src" "rgw:$bucket/t"
                run "$r" "$c" down env -u AWS_CA_BUNDLE rclone copy "${rclone_tls[@]}" --transfers "$transfers" "rgw:$bucket/t" "$work/down" ;;
            aws-cli)
                run "$r" "$c" up "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp --recursive --only-show-errors "$src" "s3://$bucket/t"
                run "$r" "$c" down "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp --recursive --only-show-errors "s3://$bucket/t" "$work/down" ;;
        esac
        n=$(find "$work/down" -type f 2>/dev/null | wc -l)
        [ "$n" = "$files" ] || say "$c round $r: $n of $files files came back"
        clean
    done
done
(cd "$root" && ./s3pump rb "s3://$bucket" >/dev/null 2>&1) || true

python3 - "$out" "$scheme" "$files" "$size" "$transfers" <<'EOF'
import csv, statistics, sys
path, scheme, files, size, transfers = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
def med(c, d, k):
    v = [float(r[k]) for r in rows if r["client"] == c and r["direction"] == d and r["exit"] == "0"]
    return statistics.median(v) if v else float("nan")
print(f"{files} files of {size} B over {scheme}, {transfers} at a time; medians of the rounds (whole process)\n")
print("| client | up wall s | up CPU-s | down wall s | down CPU-s | s3pump speed-up (up / down) |")
print("|---|---|---|---|---|---|")
for c in ("s3pump", "rclone", "aws-cli"):
    uw, uc, dw, dc = med(c, "up", "wall_s"), med(c, "up", "cpu_s"), med(c, "down", "wall_s"), med(c, "down", "cpu_s")
    ratio = "" if c == "s3pump" else f"{uw / med('s3pump', 'up', 'wall_s'):.2f} × / {dw / med('s3pump', 'down', 'wall_s'):.2f} ×"
    failed = sum(1 for r in rows if r["client"] == c and r["exit"] != "0")
    print(f"| {c}{' (' + str(failed) + ' failed runs)' if failed else ''} | {uw:.2f} | {uc:.2f} | {dw:.2f} | {dc:.2f} | {ratio} |")
print(f"\nraw: {path}")
EOF
