package io.s3pump.bench.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads the Linux {@code /proc} figures the benchmark needs. The parsers are pure functions of the file text, so
 * that tests feed them captured files; the readers only fetch the text.
 */
public final class ProcFs {
    /** {@code AT_CLKTCK} in the auxiliary vector: the unit of utime and stime in {@code /proc/PID/stat}. */
    static final long AT_CLKTCK = 17;
    /** What every Linux we run on uses; only a fallback when the auxiliary vector cannot be read. */
    static final long DEFAULT_CLOCK_TICKS = 100;

    private final Path root;
    private final long clockTicks;

    private ProcFs(Path root, long clockTicks) {
        this.root = root;
        this.clockTicks = clockTicks;
    }

    /** The real {@code /proc}, or {@code null} where there is none (not Linux). */
    public static ProcFs system() {
        Path root = Path.of("/proc");
        if (!Files.isDirectory(root.resolve("self"))) return null;
        long ticks;
        try {
            ticks = clockTicks(Files.readAllBytes(root.resolve("self/auxv"))).orElse(DEFAULT_CLOCK_TICKS);
        } catch (IOException e) {
            ticks = DEFAULT_CLOCK_TICKS;
        }
        return new ProcFs(root, ticks);
    }

    /** A {@code /proc} laid out under {@code root} (tests). */
    static ProcFs at(Path root, long clockTicks) {
        return new ProcFs(root, clockTicks);
    }

    public Path root() {
        return root;
    }

    /** Clock ticks per second of utime/stime. */
    public long clockTicks() {
        return clockTicks;
    }

    /** CPU seconds (user + system) that process {@code pid} has used so far. */
    public double cpuSeconds(long pid) throws IOException {
        return cpuTicks(Files.readString(root.resolve(pid + "/stat"), StandardCharsets.ISO_8859_1)) / (double) clockTicks;
    }

    /** System (kernel) CPU seconds that this process has used so far. */
    public double selfSystemSeconds() throws IOException {
        return systemTicks(Files.readString(root.resolve("self/stat"), StandardCharsets.ISO_8859_1)) / (double) clockTicks;
    }

    /** The command name ({@code comm}) of {@code pid}. */
    public String command(long pid) throws IOException {
        return Files.readString(root.resolve(pid + "/comm"), StandardCharsets.ISO_8859_1).strip();
    }

    /** The command line of {@code pid}, split at its NUL separators. */
    public String[] commandLine(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(root.resolve(pid + "/cmdline")), StandardCharsets.UTF_8);
        if (raw.endsWith("\0")) raw = raw.substring(0, raw.length() - 1);
        return raw.isEmpty() ? new String[0] : raw.split("\0");
    }

    /** This process's peak resident set size in bytes ({@code VmHWM}), or -1 if unknown. */
    public long selfPeakRss() {
        return statusBytes("self", "VmHWM");
    }

    /** This process's current resident set size in bytes ({@code VmRSS}), or -1 if unknown. */
    public long selfRss() {
        return statusBytes("self", "VmRSS");
    }

    private long statusBytes(String pid, String field) {
        try {
            return statusField(Files.readString(root.resolve(pid + "/status"), StandardCharsets.ISO_8859_1), field)
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Resets this process's peak RSS to its current RSS (writes 5 to {@code clear_refs}, Linux 4.0+), so that
     * {@code VmHWM} then reports the peak of what follows.
     *
     * @return whether the kernel took it
     */
    public boolean resetSelfPeakRss() {
        try {
            Files.writeString(root.resolve("self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ pure parsers

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line, in clock ticks. The command name in
     * parentheses may itself hold spaces and parentheses, so fields are counted from the last ')'.
     *
     * @throws IllegalArgumentException if the line is not a stat line
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) throw new IllegalArgumentException("not a /proc/PID/stat line: " + abbreviate(stat));
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        // f[0] is field 3 (state), so field k is f[k - 3].
        if (f.length < 13) throw new IllegalArgumentException("short /proc/PID/stat line: " + abbreviate(stat));
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** stime (field 15) of a {@code /proc/PID/stat} line, in clock ticks. */
    static long systemTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) throw new IllegalArgumentException("not a /proc/PID/stat line: " + abbreviate(stat));
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        if (f.length < 13) throw new IllegalArgumentException("short /proc/PID/stat line: " + abbreviate(stat));
        return Long.parseLong(f[15 - 3]);
    }

    /** A {@code kB} field such as {@code VmHWM:   123456 kB} of a {@code /proc/PID/status} text, in bytes. */
    static OptionalLong statusField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] v = line.substring(field.length() + 1).strip().split("\\s+");
                long n = Long.parseLong(v[0]);
                return OptionalLong.of(v.length > 1 && v[1].equalsIgnoreCase("kB") ? n * 1024 : n);
            }
        }
        return OptionalLong.empty();
    }

    /** {@code AT_CLKTCK} from a 64-bit little-endian auxiliary vector ({@code /proc/self/auxv}). */
    static OptionalLong clockTicks(byte[] auxv) {
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 16) {
            long type = b.getLong();
            long value = b.getLong();
            if (type == 0) break;
            if (type == AT_CLKTCK && value > 0) return OptionalLong.of(value);
        }
        return OptionalLong.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
