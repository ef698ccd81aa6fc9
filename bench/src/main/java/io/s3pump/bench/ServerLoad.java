package io.s3pump.bench;

/**
 * What one transfer cost the server, from its processes' CPU time, and the throughput a client that cost nothing
 * could reach at that price: the machine's cores divided by the server's CPU-seconds per GiB. Immutable.
 *
 * @param cpuSeconds user + system CPU seconds of the server processes during the transfer
 * @param cpuSecondsPerGiB {@code cpuSeconds} per GiB moved
 * @param cores the cores the server and client share
 * @param ceilingMiBps the zero-cost-client ceiling, {@code cores / cpuSecondsPerGiB} GiB/s, in MiB/s
 */
public record ServerLoad(double cpuSeconds, double cpuSecondsPerGiB, int cores, double ceilingMiBps) {

    /** The load of {@code cpuSeconds} spent on {@code bytes}, on a machine with {@code cores} cores. */
    public static ServerLoad of(double cpuSeconds, long bytes, int cores) {
        if (bytes <= 0) throw new IllegalArgumentException("no bytes moved");
        if (cores < 1) throw new IllegalArgumentException("cores must be positive: " + cores);
        double perGiB = cpuSeconds / ((double) bytes / Units.GIB);
        double ceiling = perGiB > 0 ? cores / perGiB * 1024 : Double.POSITIVE_INFINITY;
        return new ServerLoad(cpuSeconds, perGiB, cores, ceiling);
    }
}
