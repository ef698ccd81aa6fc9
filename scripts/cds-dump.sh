#!/usr/bin/env bash
# Started detached by ./s3pump before the first `cp`/`bench` of a kind (upload, download, bench) that the jar build's
# archive does not cover yet (or run in the foreground after it, with S3PUMP_CDS_WAIT=1): waits until that JVM has
# exited and, if it succeeded (CLASSLIST.ok), turns the class list it wrote (-XX:DumpLoadedClassList), merged with
# the lists of the kinds already covered, into a static class-data archive of the JDK's and s3pump's classes.
# ./s3pump maps that archive from the next run on. Never writes to stdout or stderr.
#
#   scripts/cds-dump.sh LOCK CLASSLIST ARCHIVE JAR JAVA_HOME KIND
#
# LOCK is a file the recording JVM holds an flock on for its whole life (./s3pump took it before the exec), so
# taking it here waits for that JVM without polling for its pid, and a second run meanwhile records nothing.
# ARCHIVE.list keeps the merged class list and ARCHIVE.kinds the kinds it covers. The archive is written under a
# temporary name and renamed, so a run never maps a half-written file; if the dump fails, ARCHIVE.failed keeps
# later runs of the same build from trying again.
set -uo pipefail
lock=$1 classlist=$2 archive=$3 jar=$4 java_home=$5 kind=$6

exec 8>>"$lock" || exit 0
flock 8 || exit 0
cleanup() { rm -f -- "$classlist" "$classlist.ok" "$archive.list.tmp.$$" "$archive.f.$$" "$archive.tmp.$$"; }
trap cleanup EXIT
[ -s "$classlist" ] && ! { [ -s "$archive" ] && grep -qx "$kind" "$archive.kinds" 2>/dev/null; } || exit 0
# Only a run that succeeded holds its kind's classes (HTTP, XML, the engine); one that stopped early (a missing
# bucket, a typo) would give a thin archive for the whole build, so it is skipped and the next run of the kind
# records again.
[ -e "$classlist.ok" ] || exit 0

# The union of the lists: each class once, renumbered (the ids only have to be unique: every class here comes from
# the JDK's own loaders, so no line refers to another's id), then every distinct @ line (constant pool entries,
# lambdas), after all classes are loaded.
old=()
[ -s "$archive.list" ] && old=("$archive.list")
awk 'BEGIN { n = 0; n_at = 0 }
     /^#/ { next }
     /^@/ { if (!(($0) in at)) { at[$0] = 1; ats[n_at++] = $0 }; next }
     { if (($1) in seen) next; seen[$1] = 1; sub(/ id: [0-9]+/, " id: " n); n++; print }
     END { for (i = 0; i < n_at; i++) print ats[i] }' "${old[@]}" "$classlist" >"$archive.list.tmp.$$" || exit 0

# picocli's classes are Java 5 class files: the static archive keeps them (the JDK 25 AOT cache and the dynamic
# archive cannot: they only exclude old classes that have been linked), but only as long as the dump itself does not
# link them, which resolving their constant pool entries and lambdas (the @cp/@lambda-proxy lines) would do.
grep -v -E '^@(cp|lambda-proxy) (picocli|io/s3pump/cli)/' "$archive.list.tmp.$$" >"$archive.f.$$" || exit 0

# Same GC as the runs that map it. The JVM's own output (class-list warnings) goes nowhere: nobody reads it.
if nice -n 19 "$java_home/bin/java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$archive.f.$$" \
        -XX:SharedArchiveFile="$archive.tmp.$$" -Xlog:disable -cp "$jar" </dev/null >/dev/null 2>&1 \
        && [ -s "$archive.tmp.$$" ]; then
    # the archive first: a kind is listed only once an archive that holds it is in place
    mv -f -- "$archive.tmp.$$" "$archive"
    mv -f -- "$archive.list.tmp.$$" "$archive.list"
    echo "$kind" >>"$archive.kinds"
else
    : >"$archive.failed"
fi
