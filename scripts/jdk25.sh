# Sourced by the launcher and the build scripts: finds a JDK 25 or newer without the user
# exporting anything, then puts it in JAVA_HOME and first on PATH.
# Looks at S3PUMP_JAVA_HOME, JAVA_HOME, the java on PATH, then /usr/lib/jvm and /opt.

s3pump_jdk_major() { # prints the feature version of the JDK at $1, or nothing
    local release="$1/release" v
    [ -x "$1/bin/java" ] || return 0
    if [ -f "$release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    else
        v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    fi
    printf '%s' "$v"
}

s3pump_find_jdk() {
    local cand path_java=""
    if command -v java >/dev/null 2>&1; then
        path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    fi
    for cand in "${S3PUMP_JAVA_HOME:-}" "${JAVA_HOME:-}" "$path_java" \
                /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/*jdk*; do
        [ -n "$cand" ] && [ -d "$cand" ] || continue
        local major
        major=$(s3pump_jdk_major "$cand")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            printf '%s' "$cand"
            return 0
        fi
    done
    return 1
}

if S3PUMP_JDK=$(s3pump_find_jdk); then
    export JAVA_HOME="$S3PUMP_JDK"
    export PATH="$JAVA_HOME/bin:$PATH"
    # Maven 3.8's bundled Guava touches sun.misc.Unsafe; JDK 25 warns about it on every run.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
else
    echo "s3pump: no JDK 25 found (looked at S3PUMP_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm, /opt); install one, e.g. apt-get install temurin-25-jdk" >&2
    return 1 2>/dev/null || exit 1
fi
