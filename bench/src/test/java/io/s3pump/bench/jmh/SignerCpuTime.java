package io.s3pump.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A cross-check of {@link SignerBenchmark} for shared machines: JMH measures wall-clock time, which other processes
 * on a busy box distort differently from one benchmark to the next. This runs the same four benchmark methods
 * interleaved, in rounds, and divides by the thread's CPU time and allocated bytes ({@code com.sun.management}).
 * Even CPU time varies when another process shares the physical core, so the summary takes each operation's best
 * round after the first two (JIT warm-up). Run it with {@code bench/jmh.sh --cpu-time}.
 */
public final class SignerCpuTime {
    private SignerCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        SignerBenchmark b = new SignerBenchmark();
        b.setUp();
        String[] names = {"s3pumpUploadPart", "sdkUploadPart", "s3pumpPresignGet", "sdkPresignGet"};
        @SuppressWarnings("unchecked")
        Supplier<Object>[] ops = new Supplier[] {b::s3pumpUploadPart, b::sdkUploadPart, b::s3pumpPresignGet, b::sdkPresignGet};
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] nanos = new double[ops.length];
        long[] bytes = new long[ops.length];
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        int sink = 0;
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", round));
            for (int k = 0; k < ops.length; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                long a0 = mx.getCurrentThreadAllocatedBytes();
                sink += run(ops[k], perRound);
                nanos[k] = (mx.getCurrentThreadCpuTime() - t0) / (double) perRound;
                bytes[k] = (mx.getCurrentThreadAllocatedBytes() - a0) / perRound;
                if (round > 2) best[k] = Math.min(best[k], nanos[k]);
                line.append(String.format(Locale.ROOT, "  %s %,.0f ns %,d B", names[k], nanos[k], bytes[k]));
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%nbest round after warm-up, CPU time and allocation per operation:%n");
        System.out.printf(Locale.ROOT, "  UploadPart : s3pump %,.0f ns, %,d B | SDK %,.0f ns, %,d B | ops/CPU-s ratio %.2fx, B/op ratio %.3f%n",
                best[0], bytes[0], best[1], bytes[1], best[1] / best[0], bytes[0] / (double) bytes[1]);
        System.out.printf(Locale.ROOT, "  PresignGet : s3pump %,.0f ns, %,d B | SDK %,.0f ns, %,d B | ops/CPU-s ratio %.2fx, B/op ratio %.3f%n",
                best[2], bytes[2], best[3], bytes[3], best[3] / best[2], bytes[2] / (double) bytes[3]);
        if (sink == -1) System.out.println(); // keeps the results alive
    }

    /** The timed loop, in its own method so the JIT compiles it whole rather than by on-stack replacement. */
    private static int run(Supplier<Object> op, int n) {
        int nulls = 0;
        for (int i = 0; i < n; i++) if (op.get() == null) nulls++;
        return nulls;
    }
}
