package io.s3pump.bench;

/** Binary units the report uses: every MiB and GiB here is 1024-based. */
final class Units {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    private Units() {}
}
