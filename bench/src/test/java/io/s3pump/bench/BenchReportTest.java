package io.s3pump.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final long GIB = 1L << 30;

    private static RoundResult up(int round, double seconds, double cpu, double serverCpu) {
        return new RoundResult(RoundResult.Phase.ROUND, round, Direction.UP, GIB, seconds, cpu, cpu / 4, 150L << 20, true,
                new PartLatency(128, 80, 120, 200, 250), ServerLoad.of(serverCpu, GIB, 2), "size and etag");
    }

    private static BenchReport report(List<RoundResult> warmup, List<RoundResult> rounds) {
        var s = new BenchReport.Settings("http://127.0.0.1:7480", "b", GIB, 8 << 20, 8, rounds.size(), "signed SHA-256",
                "auto", 0, 2, "/tmp/f", false, List.of("radosgw:1", "ceph-osd:2"), "found", "Java 25");
        return new BenchReport(s, warmup, rounds);
    }

    @Test
    void ceilingIsCoresOverServerCpuPerGiB() {
        ServerLoad l = ServerLoad.of(12.3, GIB, 2);
        assertThat(l.cpuSecondsPerGiB()).isEqualTo(12.3);
        assertThat(l.ceilingMiBps()).isCloseTo(2 / 12.3 * 1024, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ServerLoad.of(3.0, GIB / 2, 2).cpuSecondsPerGiB()).isEqualTo(6.0);
    }

    @Test
    void roundFiguresArePerGiBAndPerSecond() {
        RoundResult r = up(1, 8.0, 1.5, 12);
        assertThat(r.mibPerSecond()).isEqualTo(128.0);
        assertThat(r.clientCpuSecondsPerGiB()).isEqualTo(1.5);
        assertThat(r.peakRssMiB()).isEqualTo(150.0);
    }

    @Test
    void mediansTakeTheMiddleOfEachColumnPerDirection() {
        var rounds = List.of(up(1, 8.0, 3.0, 12), up(2, 16.0, 1.0, 10), up(3, 10.0, 2.0, 14));
        var m = report(List.of(), rounds).medians();
        assertThat(m).hasSize(1);
        assertThat(m.getFirst().direction()).isEqualTo(Direction.UP);
        assertThat(m.getFirst().mibPerSecond()).isEqualTo(102.4);
        assertThat(m.getFirst().clientCpuSecondsPerGiB()).isEqualTo(2.0);
        assertThat(m.getFirst().clientSystemSecondsPerGiB()).isEqualTo(0.5);
        assertThat(m.getFirst().serverCpuSecondsPerGiB()).isEqualTo(12.0);
        assertThat(m.getFirst().ceilingShare()).isCloseTo(102.4 / (2 / 12.0 * 1024), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anEvenCountAveragesTheMiddleTwoAndUnmeasuredServerStaysUnknown() {
        var a = new RoundResult(RoundResult.Phase.ROUND, 1, Direction.DOWN, GIB, 4, 1, Double.NaN, -1, false, null, null, "size only");
        var b = new RoundResult(RoundResult.Phase.ROUND, 2, Direction.DOWN, GIB, 8, 3, Double.NaN, -1, false, null, null, "size only");
        var m = report(List.of(), List.of(a, b)).medians().getFirst();
        assertThat(m.mibPerSecond()).isEqualTo((256.0 + 128.0) / 2);
        assertThat(m.clientCpuSecondsPerGiB()).isEqualTo(2.0);
        assertThat(m.serverCpuSecondsPerGiB()).isNaN();
        assertThat(m.ceilingShare()).isNaN();
    }

    @Test
    void tableListsWarmupRoundsAndMedians() {
        var warm = new RoundResult(RoundResult.Phase.WARMUP, 1, Direction.UP, GIB, 10, 2, 0.5, 100L << 20, true, null,
                ServerLoad.of(6.5, GIB, 2), "size and etag");
        String t = report(List.of(warm), List.of(up(1, 8.0, 1.5, 12))).table();
        assertThat(t).contains("1 GiB file, 8 MiB parts x 8 in flight, signed SHA-256")
                .contains("radosgw:1 + ceph-osd:2")
                .containsPattern("warm-up\\s+1 up\\s+102\\.4\\s+2\\.00\\s+0\\.50\\s+100\\s+-\\s+6\\.50")
                .containsPattern("round\\s+1 up\\s+128\\.0\\s+1\\.50\\s+0\\.38\\s+150\\s+80/200\\s+12\\.00\\s+171\\s+75%")
                .containsPattern("median\\s+1x up\\s+128\\.0");
    }

    @Test
    void jsonCarriesSettingsRoundsAndMedians() {
        String j = report(List.of(), List.of(up(1, 8.0, 1.5, 12))).json();
        assertThat(j).contains("\"integrity\": \"signed SHA-256\"")
                .contains("\"mibPerSecond\": 128")
                .contains("\"clientCpuSecondsPerGiB\": 1.5")
                .contains("\"p99\": 200")
                .contains("\"serverCpuSecondsPerGiB\": 12")
                .contains("\"medians\": [");
    }
}
