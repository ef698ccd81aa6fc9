package io.s3pump.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @Test
    void cpuTicksAddsUtimeAndStimeCountingFieldsAfterTheLastParenthesis() {
        // comm "(my) proc" holds a space and parentheses; utime = 1500, stime = 250
        String stat = "4242 ((my) proc) S 1 4242 4242 0 -1 4194560 12345 0 7 0 1500 250 3 4 20 0 12 0 99 1000000 2000 "
                + "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcFs.cpuTicks(stat)).isEqualTo(1750);
        assertThat(ProcFs.systemTicks(stat)).isEqualTo(250);
    }

    @Test
    void cpuTicksRejectsTextThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcFs.cpuTicks("no parenthesis here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcFs.cpuTicks("1 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusFieldReadsKilobytesAsBytes() {
        String status = "Name:\tjava\nVmPeak:\t 5000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t12\n";
        assertThat(ProcFs.statusField(status, "VmHWM")).hasValue(204800L * 1024);
        assertThat(ProcFs.statusField(status, "VmRSS")).hasValue(102400L * 1024);
        assertThat(ProcFs.statusField(status, "Threads")).hasValue(12);
        assertThat(ProcFs.statusField(status, "VmSwap")).isEmpty();
    }

    @Test
    void clockTicksComeFromTheAuxiliaryVector() {
        ByteBuffer b = ByteBuffer.allocate(16 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(6).putLong(4096);     // AT_PAGESZ
        b.putLong(17).putLong(250);     // AT_CLKTCK
        b.putLong(25).putLong(12345);   // AT_RANDOM
        b.putLong(0).putLong(0);        // AT_NULL
        assertThat(ProcFs.clockTicks(b.array())).hasValue(250);
    }

    @Test
    void clockTicksAreUnknownWithoutAnEntry() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(6).putLong(4096).putLong(0).putLong(0);
        assertThat(ProcFs.clockTicks(b.array())).isEmpty();
    }

    @Test
    void readsCpuSecondsInClockTicksOfAProcessUnderItsRoot(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("77"));
        Files.writeString(root.resolve("77/stat"), "77 (radosgw) S 1 77 77 0 -1 0 0 0 0 0 300 100 0 0 20 0 1 0 5 0 0");
        Files.writeString(root.resolve("77/comm"), "radosgw\n");
        ProcFs proc = ProcFs.at(root, 100);
        assertThat(proc.cpuSeconds(77)).isEqualTo(4.0);
        assertThat(proc.command(77)).isEqualTo("radosgw");
    }

    @Test
    void theRealProcShowsThisProcessUsingCpuAndMemory() throws Exception {
        ProcFs proc = ProcFs.system();
        assertThat(proc).as("these benchmarks run on Linux").isNotNull();
        assertThat(proc.clockTicks()).isPositive();
        assertThat(proc.cpuSeconds(ProcessHandle.current().pid())).isPositive();
        assertThat(proc.selfRss()).isPositive();
        assertThat(proc.selfPeakRss()).isGreaterThanOrEqualTo(proc.selfRss() / 2);
    }

    @Test
    void resettingThePeakBringsItDownToAboutTheCurrentRss() {
        ProcFs proc = ProcFs.system();
        byte[][] hold = new byte[64][];
        for (int i = 0; i < hold.length; i++) {
            hold[i] = new byte[1 << 20];
            java.util.Arrays.fill(hold[i], (byte) 1); // touch the pages
        }
        long peakBefore = proc.selfPeakRss();
        hold = null;
        System.gc();
        if (proc.resetSelfPeakRss()) {
            long rss = proc.selfRss();
            assertThat(proc.selfPeakRss()).isLessThanOrEqualTo(Math.max(peakBefore, rss + (8 << 20)));
            assertThat(proc.selfPeakRss()).isGreaterThanOrEqualTo(rss - (8 << 20));
        }
        assertThat(hold).isNull();
    }
}
