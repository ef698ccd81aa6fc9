#!/usr/bin/env bash
# Started detached by ./s3pump after the first `cp`/`bench` of a jar build: waits until that JVM has exited,
# then turns the class list it wrote (-XX:DumpLoadedClassList) into a static class-data archive of the JDK's and
# s3pump's classes. ./s3pump maps that archive from the next run on. Never writes to stdout or stderr.
#
#   scripts/cds-dump.sh LOCK CLASSLIST ARCHIVE JAR JAVA_HOME
#
# LOCK is a file the recording JVM holds an flock on for its whole life (./s3pump took it before the exec), so
# taking it here waits for that JVM without polling for its pid, and a second first run meanwhile records nothing.
# The archive is written under a temporary name and renamed, so a run never maps a half-written file; if the dump
# fails, ARCHIVE.failed keeps later runs of the same build from trying again.
set -uo pipefail
lock=$1 classlist=$2 archive=$3 jar=$4 java_home=$5

exec 8>>"$lock" || exit 0
flock 8 || exit 0
cleanup() { rm -f -- "$classlist" "$classlist.f" "$archive.tmp.$$"; }
trap cleanup EXIT
[ -s "$classlist" ] && [ ! -e "$archive" ] || exit 0
# Only a run that reached the server holds the transfer path's classes (HTTP, XML, the engine); one that stopped
# early (a missing file, a typo) would give a thin archive for the whole build, so it is skipped and the next
# cp/bench records again.
grep -q '^okhttp3/internal/connection/RealConnection ' "$classlist" || exit 0

# picocli's classes are Java 5 class files: the static archive keeps them (the JDK 25 AOT cache and the dynamic
# archive cannot: they only exclude old classes that have been linked), but only as long as the dump itself does not
# link them, which resolving their constant pool entries and lambdas (the @cp/@lambda-proxy lines) would do.
grep -v -E '^@(cp|lambda-proxy) (picocli|io/s3pump/cli)/' "$classlist" >"$classlist.f" || exit 0

# Same GC as the runs that map it. The JVM's own output (class-list warnings) goes nowhere: nobody reads it.
if nice -n 19 "$java_home/bin/java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$classlist.f" \
        -XX:SharedArchiveFile="$archive.tmp.$$" -Xlog:disable -cp "$jar" </dev/null >/dev/null 2>&1 \
        && [ -s "$archive.tmp.$$" ]; then
    mv -f -- "$archive.tmp.$$" "$archive"
else
    : >"$archive.failed"
fi
