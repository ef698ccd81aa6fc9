#!/usr/bin/env bash
# The RGW throughput comparison of issue 5, in one run on one machine: s3pump (each integrity mode) against the
# AWS CLI v2, boto3 and the AWS SDK for Java v2 Transfer Manager (CRT client and Java multipart client).
#
#   eval "$(rgw/rgw.sh start)"          # a fresh local RGW (or any endpoint in AWS_ENDPOINT_URL on this machine)
#   bench/run-bench.sh [options]        # markdown table on stdout, raw CSV and logs in bench/results/
#
# Options (defaults follow issue 5):
#   --size SIZE         test file, random bytes (default 1GiB)
#   --part-size SIZE    part size of every client (default 8MiB)
#   --concurrency N     parts in flight of every client (default 8)
#   --rounds N          rounds; each round runs every peer once, in an order rotated per round (default 3)
#   --warmup SIZE       uploaded with s3pump before the rounds, so RGW's OSD settles (default 4GiB; 0 for none)
#   --peers LIST        comma-separated subset of: s3pump-none,s3pump-none-nomd5,s3pump-md5,s3pump-sha256,
#                       s3pump-sha256-jdk,s3pump-sha256-okhttp,s3pump-chunked,aws-cli,boto3,boto3-when-required,
#                       tm-crt,tm-java (default: all but the -jdk and -okhttp engine variants)
#   --rss-size SIZE     after the rounds, one s3pump upload of a file this large, to
#                       check that peak RSS stays flat with the file size (default 4GiB; 0 to skip)
#   --no-download       uploads only
#   --out DIR           where the CSV and logs go (default bench/results)
#   --label TEXT        a note stored with the results (e.g. "busy machine")
#   --tls               over https: the https endpoint of an RGW started with RGW_TLS=1 (S3PUMP_HTTPS_ENDPOINT_URL,
#                       or AWS_ENDPOINT_URL if it is https; without either, RGW_TLS=1 rgw/rgw.sh start), its CA
#                       (AWS_CA_BUNDLE) given to every peer: s3pump, the AWS CLI and boto3 read AWS_CA_BUNDLE, the
#                       Java Transfer Manager gets a PKCS12 trust store of it, the CRT one SSL_CERT_FILE. The label
#                       gets "https". Without --tls the run is over http (S3PUMP_HTTP_ENDPOINT_URL when
#                       AWS_ENDPOINT_URL is the https one).
#
# Every figure is whole-process, start-up included, from /usr/bin/time -f '%e %U %S %M' (wall, user, system,
# max RSS). The server's CPU is the utime+stime delta of the radosgw listening on the endpoint's port plus the
# ceph-osd of the same cluster (same -c ceph.conf), read from /proc around each transfer; the zero-cost-client
# ceiling is cores / server CPU-s per GiB. Objects are deleted after each round; downloads are compared with the
# source file (outside the measured interval).
set -Eeuo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")

size=1GiB part=8MiB concurrency=8 rounds=3 warmup=4GiB out="$here/results" label="" download=1 rss_size=4GiB tls=0
all_peers="s3pump-none,s3pump-none-nomd5,s3pump-md5,s3pump-sha256,s3pump-chunked,aws-cli,boto3,boto3-when-required,tm-crt,tm-java"
peers=$all_peers
known_peers="$all_peers,s3pump-sha256-jdk,s3pump-sha256-okhttp"
die() { printf 'run-bench: %s\n' "$*" >&2; exit 1; }
say() { printf 'run-bench: %s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --part-size) part=$2; shift 2 ;;
        --concurrency) concurrency=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --peers) peers=$2; shift 2 ;;
        --rss-size) rss_size=$2; shift 2 ;;
        --no-download) download=0; shift ;;
        --out) out=$2; shift 2 ;;
        --label) label=$2; shift 2 ;;
        --tls) tls=1; shift ;;
        -h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

# SIZE -> bytes, binary units as s3pump reads them (8MB = 8MiB).
bytes() {
    local v=${1^^} n unit
    [[ "$v" =~ ^([0-9]+)([KMGT]?)I?B?$ ]] || die "'$1' is not a size (e.g. 8MiB, 1GiB)"
    n=${BASH_REMATCH[1]} unit=${BASH_REMATCH[2]}
    case "$unit" in K) n=$((n << 10)) ;; M) n=$((n << 20)) ;; G) n=$((n << 30)) ;; T) n=$((n << 40)) ;; esac
    echo "$n"
}
size_b=$(bytes "$size") part_b=$(bytes "$part") warmup_b=$(bytes "$warmup") rss_b=$(bytes "$rss_size")
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive number"
[[ "$concurrency" =~ ^[1-9][0-9]*$ ]] || die "--concurrency must be a positive number"
for p in ${peers//,/ }; do [[ ",$known_peers," == *",$p,"* ]] || die "unknown peer $p (known: $known_peers)"; done

if [ "$tls" = 1 ]; then
    if [[ "${AWS_ENDPOINT_URL:-}" != https://* ]]; then
        if [ -n "${S3PUMP_HTTPS_ENDPOINT_URL:-}" ]; then
            export AWS_ENDPOINT_URL=$S3PUMP_HTTPS_ENDPOINT_URL
        else
            say "--tls: starting (or reusing) this checkout's RGW with RGW_TLS=1"
            eval "$(RGW_TLS=1 "$root/rgw/rgw.sh" start)"
        fi
    fi
    [[ "$AWS_ENDPOINT_URL" == https://* ]] ||
        die "--tls: $AWS_ENDPOINT_URL is not https (an RGW started without RGW_TLS=1? rgw/rgw.sh stop, then run again)"
    if [ -n "${AWS_CA_BUNDLE:-}" ]; then
        [ -r "$AWS_CA_BUNDLE" ] || die "--tls: AWS_CA_BUNDLE names $AWS_CA_BUNDLE, which is not a readable file"
        export AWS_CA_BUNDLE
    else
        say "--tls: no AWS_CA_BUNDLE; every peer trusts only its default CAs"
    fi
    label="${label:+$label, }https"
elif [[ "${AWS_ENDPOINT_URL:-}" == https://* ]] && [ -n "${S3PUMP_HTTP_ENDPOINT_URL:-}" ]; then
    say "over http ($S3PUMP_HTTP_ENDPOINT_URL) of the same RGW; --tls measures https"
    export AWS_ENDPOINT_URL=$S3PUMP_HTTP_ENDPOINT_URL
fi
for v in AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do
    [ -n "${!v:-}" ] || die "$v is not set: run eval \"\$(rgw/rgw.sh start)\" first"
done
export AWS_REGION=${AWS_REGION:-us-east-1} AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-${AWS_REGION:-us-east-1}}
# The first s3pump transfer of a jar build dumps the launcher's class-data archive; in the foreground here, so that
# the (otherwise detached, ~2 CPU-s) dump never runs alongside a measured transfer.
export S3PUMP_CDS_WAIT=1
curl -fsS -o /dev/null ${AWS_CA_BUNDLE:+--cacert "$AWS_CA_BUNDLE"} "$AWS_ENDPOINT_URL" || die "cannot reach $AWS_ENDPOINT_URL"
command -v /usr/bin/time >/dev/null || die "needs /usr/bin/time (apt-get install time)"

. "$root/scripts/jdk25.sh"
cores=$(nproc)
ticks=$(getconf CLK_TCK)

# --- the server's processes ------------------------------------------------------------------------------------
port=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<<"$AWS_ENDPOINT_URL")
[ -n "$port" ] || port=80
rgw_pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o '"radosgw",pid=[0-9]*' | head -1 | sed 's/.*pid=//') || true
server_pids=()
if [ -n "$rgw_pid" ]; then
    server_pids+=("$rgw_pid")
    conf=$(tr '\0' '\n' <"/proc/$rgw_pid/cmdline" | awk 'p { print; exit } $0 == "-c" || $0 == "--conf" { p = 1 }')
    for pid in $(pgrep -x ceph-osd || true); do
        if [ -n "$conf" ] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$conf"; then server_pids+=("$pid"); fi
    done
    say "server: radosgw $rgw_pid + ceph-osd ${server_pids[*]:1} (config $conf)"
else
    say "no radosgw listens on port $port: server CPU is not measured"
fi
server_ticks() { # utime + stime of the server processes, in clock ticks
    local sum=0 pid t
    for pid in "${server_pids[@]}"; do
        t=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }') || return 1
        sum=$((sum + t))
    done
    echo "$sum"
}

# --- builds --------------------------------------------------------------------------------------------------------
say "building the s3pump jar and the Transfer Manager peers"
(cd "$root" && ./s3pump --version >/dev/null) || die "the s3pump jar does not build"
(cd "$root" && mvn -B -q -f bench/peers/pom.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null) || die "the peers do not build (mvn -f bench/peers/pom.xml)"
peer_cp="$here/peers/target/test-classes:$(cat "$here/peers/target/classpath.txt")"
# The AWS CLI v2 of Debian's awscli package, not whatever `aws` comes first on PATH (a pip aws-cli v1 may).
aws=${AWS_CLI:-/usr/bin/aws}
"$aws" --version 2>&1 | grep -q '^aws-cli/2' || die "$aws is not the AWS CLI v2 (set AWS_CLI=/path/to/aws)"
# The interpreter that has boto3, resolved once: a pyenv shim would add a bash start-up to every measured run.
py=$(python3 -c 'import sys, boto3; print(sys.executable)' 2>/dev/null) || die "boto3 is missing (pip install boto3)"

# --- run state -----------------------------------------------------------------------------------------------------
run_id=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
csv="$out/rgw-$run_id.csv"
log="$out/rgw-$run_id.log"
work=$(mktemp -d "${TMPDIR:-/tmp}/s3pump-run-bench.XXXXXX")
bucket="s3pump-peers-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
cleanup() {
    "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 rb "s3://$bucket" --force >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
say "endpoint $AWS_ENDPOINT_URL${AWS_CA_BUNDLE:+ (CA bundle $AWS_CA_BUNDLE)}"

# The SDK for Java v2 reads no AWS_CA_BUNDLE: its Netty client trusts the JDK's trust store, so the Java Transfer
# Manager gets one holding the CA; the CRT client's TLS (s2n) reads the CA file that SSL_CERT_FILE names.
tm_jvm=() tm_env=()
if [[ "$AWS_ENDPOINT_URL" == https://* ]] && [ -n "${AWS_CA_BUNDLE:-}" ]; then
    keytool -importcert -noprompt -alias s3pump-rgw-ca -file "$AWS_CA_BUNDLE" -keystore "$work/ca.p12" \
        -storetype PKCS12 -storepass changeit >/dev/null 2>&1 || die "keytool cannot import $AWS_CA_BUNDLE"
    tm_jvm=(-Djavax.net.ssl.trustStore="$work/ca.p12" -Djavax.net.ssl.trustStoreType=PKCS12
        -Djavax.net.ssl.trustStorePassword=changeit)
    tm_env=(SSL_CERT_FILE="$AWS_CA_BUNDLE")
fi

aws_config="$work/aws-config"
cat >"$aws_config" <<EOF
[default]
region = $AWS_REGION
s3 =
  multipart_threshold = $((part_b >> 20))MB
  multipart_chunksize = $((part_b >> 20))MB
  max_concurrent_requests = $concurrency
EOF

file="$work/test-$size_b.bin"
say "writing $size of random bytes to $file"
head -c "$size_b" /dev/urandom >"$file"
"$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 mb "s3://$bucket" >/dev/null

echo "run_id,label,round,peer,sends,direction,bytes,wall_s,user_s,sys_s,client_cpu_s,client_cpu_s_per_gib,mib_s,max_rss_mib,server_cpu_s,server_cpu_s_per_gib,ceiling_mib_s,warmup_bytes,cores" >"$csv"
{ echo "# run $run_id ${label:+($label)}"; echo "# $(uname -srm), $cores cores, $(java -version 2>&1 | head -1)"; \
  echo "# endpoint $AWS_ENDPOINT_URL${AWS_CA_BUNDLE:+, CA bundle $AWS_CA_BUNDLE}"; \
  echo "# $("$aws" --version 2>&1)"; echo "# boto3 $("$py" -c 'import boto3, botocore; print(boto3.__version__, "botocore", botocore.__version__)')"; } >"$log"

# --- warm-up -------------------------------------------------------------------------------------------------------
if [ "$warmup_b" -gt 0 ]; then
    say "warming up RGW: $warmup with s3pump (per-upload server CPU/GiB in $log)"
    (cd "$root" && ./s3pump bench "s3://$bucket" --file "$file" --size "$size_b" --part-size "$part_b" \
        --concurrency "$concurrency" --direction up --rounds 1 --warmup "$warmup_b" --no-latency) >>"$log" 2>&1 \
        || die "warm-up failed (see $log)"
    grep -E '^(warm-up|round) ' "$log" | tail -n +1 >&2 || true
fi

# --- one measured transfer -----------------------------------------------------------------------------------------
# measure ROUND PEER SENDS DIRECTION COMMAND...: runs COMMAND under /usr/bin/time, adds a CSV row.
measure() {
    local round=$1 peer=$2 sends=$3 direction=$4; shift 4
    local tfile="$work/time" s0 s1 wall user sys rss bytes=${MEASURE_BYTES:-$size_b}
    s0=$( [ ${#server_pids[@]} -gt 0 ] && server_ticks || echo "")
    if ! /usr/bin/time -o "$tfile" -f '%e %U %S %M' "$@" >>"$log" 2>&1; then
        say "$peer $direction failed (round $round); see $log"
        tail -5 "$log" >&2
        return 1
    fi
    s1=$( [ ${#server_pids[@]} -gt 0 ] && server_ticks || echo "")
    read -r wall user sys rss <"$tfile"
    awk -v run="$run_id" -v label="$label" -v round="$round" -v peer="$peer" -v sends="$sends" -v dir="$direction" \
        -v bytes="$bytes" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v s0="$s0" -v s1="$s1" \
        -v ticks="$ticks" -v warm="$warmup_b" -v cores="$cores" 'BEGIN {
            gib = bytes / 1073741824; cpu = user + sys
            srv = (s0 == "" || s1 == "") ? "" : (s1 - s0) / ticks
            srvg = srv == "" ? "" : srv / gib
            ceil = (srvg == "" || srvg == 0) ? "" : cores / srvg * 1024
            printf "%s,\"%s\",%s,%s,\"%s\",%s,%.0f,%.2f,%.2f,%.2f,%.2f,%.3f,%.1f,%.1f,%s,%s,%s,%.0f,%d\n", run, label, round, peer, sends,
                dir, bytes, wall, user, sys, cpu, cpu / gib, bytes / 1048576 / wall, rss / 1024,
                srv == "" ? "" : sprintf("%.2f", srv), srvg == "" ? "" : sprintf("%.3f", srvg),
                ceil == "" ? "" : sprintf("%.1f", ceil), warm, cores
        }' >>"$csv"
    tail -1 "$csv" | sed 's/"[^"]*"/x/g' | awk -F, '{ printf "run-bench: round %s %-18s %-4s %7.1f MiB/s %6.2f CPU-s/GiB %5.0f MiB  server %s CPU-s/GiB\n", $3, $4, $6, $13, $12, $14, $16 }' >&2
}

# Checks a download against the source outside the measured interval; a mismatch stops the run.
same() {
    [ -f "$1" ] || return 1
    cmp -s "$file" "$1" || die "downloaded $1 differs from the source"
    rm -f "$1"
}
rm_object() { "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 rm "s3://$bucket/$1" >/dev/null; }

# s3pump runs through its launcher with the launcher's own JVM flags, as users run it (the first s3pump run, the
# warm-up, dumps its class-data archive before it exits): `s3pump bench` with one round drives the same transfer engine as
# `s3pump cp`, and also offers the aws-chunked mode; its in-process figures go to the log, /usr/bin/time's to the CSV.
s3pump_up() { # ROUND PEER SENDS CHECKSUM VERIFY(auto|never) KEY [OPTION...]: `s3pump cp`, as a user runs it
    local verify=(); [ "$5" = never ] && verify=(--no-verify)
    measure "$1" "$2" "$3" up "$root/s3pump" cp --quiet --part-size "$part_b" --concurrency "$concurrency" \
        --checksum "$4" "${verify[@]}" "${@:7}" "$file" "s3://$bucket/$6"
}
s3pump_bench_up() { # ROUND PEER SENDS MODE KEY: modes that only `s3pump bench` offers (aws-chunked)
    measure "$1" "$2" "$3" up "$root/s3pump" bench "s3://$bucket" --file "$file" --size "$size_b" --part-size "$part_b" \
        --concurrency "$concurrency" --checksum "$4" --direction up --rounds 1 --key "$5" --keep --no-latency
}
s3pump_down() { # ROUND PEER KEY [OPTION...]: `s3pump cp` into a file compared and removed outside the measurement
    local down="$work/down-$2" check="MD5 per range"
    [[ " ${*:4} " == *" --no-verify "* ]] && check="size only (--no-verify)"
    measure "$1" "$2" "$check" down "$root/s3pump" cp --quiet --force --part-size "$part_b" --concurrency "$concurrency" \
        "${@:4}" "s3://$bucket/$3" "$down"
    same "$down"
}

run_peer() { # ROUND PEER
    local round=$1 peer=$2 key="$2-r$1" down="$work/down-$2"
    case "$peer" in
        s3pump-none) s3pump_up "$round" "$peer" "UNSIGNED-PAYLOAD + local MD5" none auto "$key" ;;
        s3pump-none-nomd5) s3pump_up "$round" "$peer" "UNSIGNED-PAYLOAD" none never "$key" ;;
        s3pump-md5) s3pump_up "$round" "$peer" "Content-MD5" md5 auto "$key" ;;
        s3pump-sha256) s3pump_up "$round" "$peer" "signed SHA-256" sha256 auto "$key"
            # s3pump's download does not depend on the upload's integrity mode: measured once, here.
            # The peers verify nothing on download; s3pump-noverify is s3pump doing the same (size only).
            if [ "$download" = 1 ]; then
                s3pump_down "$round" s3pump "$key"
                s3pump_down "$round" s3pump-noverify "$key" --no-verify
            fi ;;
        # The same default upload and verified download through other engines: TLS by the JDK instead of Conscrypt,
        # and OkHttp with the JDK's TLS instead of the direct carrier (how the TLS engine was chosen).
        s3pump-sha256-jdk|s3pump-sha256-okhttp)
            local engine=(--tls-provider jdk); [ "$peer" = s3pump-sha256-okhttp ] && engine+=(--carrier okhttp)
            s3pump_up "$round" "$peer" "signed SHA-256" sha256 auto "$key" "${engine[@]}"
            if [ "$download" = 1 ]; then
                s3pump_down "$round" "${peer/sha256/down}" "$key" "${engine[@]}"
            fi ;;
        s3pump-chunked) s3pump_bench_up "$round" "$peer" "aws-chunked (signed 64 KiB chunks)" chunked "$key" ;;
        aws-cli)
            measure "$round" "$peer" "signed SHA-256 + Content-MD5" up env AWS_CONFIG_FILE="$aws_config" \
                "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp --only-show-errors "$file" "s3://$bucket/$key"
            if [ "$download" = 1 ]; then
                measure "$round" "$peer" "-" down env AWS_CONFIG_FILE="$aws_config" \
                    "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp --only-show-errors "s3://$bucket/$key" "$down"
                same "$down"
            fi ;;
        boto3-when-required)
            # Over https boto3's default sends an aws-chunked body with a CRC32 trailer, which RGW 16.2 refuses
            # (MissingContentLength); this is boto3 told to add checksums only where required: UNSIGNED-PAYLOAD.
            measure "$round" "$peer" "UNSIGNED-PAYLOAD (when_required)" up env AWS_REQUEST_CHECKSUM_CALCULATION=when_required \
                "$py" "$here/peers/boto3_peer.py" up "$file" "$bucket" "$key" "$part_b" "$concurrency"
            if [ "$download" = 1 ]; then
                measure "$round" "$peer" "-" down env AWS_REQUEST_CHECKSUM_CALCULATION=when_required \
                    "$py" "$here/peers/boto3_peer.py" down "$down" "$bucket" "$key" "$part_b" "$concurrency"
                same "$down"
            fi ;;
        boto3)
            local sends="signed SHA-256 + crc32 header"; [ "$tls" = 1 ] && sends="aws-chunked UNSIGNED + crc32 trailer"
            measure "$round" "$peer" "$sends" up "$py" "$here/peers/boto3_peer.py" up "$file" "$bucket" "$key" "$part_b" "$concurrency"
            if [ "$download" = 1 ]; then
                measure "$round" "$peer" "-" down "$py" "$here/peers/boto3_peer.py" down "$down" "$bucket" "$key" "$part_b" "$concurrency"
                same "$down"
            fi ;;
        tm-crt|tm-java)
            local kind=${peer#tm-}
            measure "$round" "$peer" "UNSIGNED-PAYLOAD" up env "${tm_env[@]}" java "${tm_jvm[@]}" \
                --enable-native-access=ALL-UNNAMED -cp "$peer_cp" \
                io.s3pump.bench.peers.TransferManagerPeer "$kind" up "$file" "$bucket" "$key" "$part_b" "$concurrency"
            if [ "$download" = 1 ]; then
                measure "$round" "$peer" "-" down env "${tm_env[@]}" java "${tm_jvm[@]}" \
                    --enable-native-access=ALL-UNNAMED -cp "$peer_cp" \
                    io.s3pump.bench.peers.TransferManagerPeer "$kind" down "$down" "$bucket" "$key" "$part_b" "$concurrency"
                same "$down"
            fi ;;
    esac
    rm_object "$key"
}

# --- s3pump's class-data archive: the launcher records, and here dumps in the foreground, the classes of each kind of
# transfer (upload, download, bench) it has not run yet with this jar build; one unmeasured run of each now (the
# RGW warm-up above is a bench run, but --warmup 0 skips it), so that no measured run pays for a dump or runs with
# classes the archive lacks.
say "s3pump: class-data archive for uploads, downloads and bench"
(cd "$root" && ./s3pump cp --quiet --part-size "$part_b" --concurrency "$concurrency" "$file" "s3://$bucket/cds-warm" \
    && ./s3pump cp --quiet --force --part-size "$part_b" --concurrency "$concurrency" "s3://$bucket/cds-warm" \
        "$work/cds-warm" \
    && ./s3pump bench "s3://$bucket" --size 16MiB --part-size "$part_b" --concurrency "$concurrency" --direction up \
        --rounds 1 --key cds-warm-bench --no-latency) >>"$log" 2>&1 \
    || die "s3pump's unmeasured upload, download and bench failed (see $log)"
rm -f "$work/cds-warm"
rm_object cds-warm

# --- the rounds: every peer once per round, the order rotated so that no peer always follows the same one -------------
IFS=, read -r -a list <<<"$peers"
n=${#list[@]}
for ((r = 1; r <= rounds; r++)); do
    say "round $r of $rounds"
    for ((i = 0; i < n; i++)); do
        peer=${list[$(((i + (r - 1) * 3) % n))]}
        run_peer "$r" "$peer" || say "$peer failed in round $r; going on without its figures"
    done
done

# --- peak RSS against file size: one s3pump upload of a larger file ---------------------------------------------------
if [ "$rss_b" -gt 0 ] && [ "$rss_b" != "$size_b" ]; then
    say "RSS check: s3pump uploads of a $rss_size file"
    big="$work/big-$rss_b.bin"
    head -c "$rss_b" /dev/urandom >"$big"
    MEASURE_BYTES=$rss_b measure rss "s3pump-sha256-$rss_size" "signed SHA-256" up \
        "$root/s3pump" bench "s3://$bucket" --file "$big" --size "$rss_b" --part-size "$part_b" \
        --concurrency "$concurrency" --checksum sha256 --direction up --rounds 1 --no-latency \
        || say "the $rss_size upload failed"
    rm -f "$big"
fi

# --- the table -----------------------------------------------------------------------------------------------------
"$py" "$here/peers/summarize.py" "$csv" "$run_id" "$label" "$warmup" "$size" "$part" "$concurrency" "$rounds"
say "raw figures: $csv; tool output: $log"
