package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsBytesPercentRateEtaAndParts() {
        String line = ProgressBar.render("upload", 512 * ByteSize.MIB, ByteSize.GIB, 64, 128,
                Duration.ofSeconds(5), 100 * ByteSize.MIB, 100);
        assertThat(line)
                .startsWith("upload  512.00 MiB/1.00 GiB   50% [")
                .contains("100.0 MiB/s", "ETA 0:06", "parts 64/128")
                .endsWith("0:05");
        assertThat(line.length()).isLessThan(100);
    }

    @Test
    void fitsANarrowTerminalByDroppingTheBar() {
        String line = ProgressBar.render("download", 1, ByteSize.GIB, 0, 128, Duration.ZERO, 0, 40);
        assertThat(line.length()).isLessThan(40);
        assertThat(line).doesNotContain("[");
    }

    @Test
    void saysTheRateIsUnknownBeforeAnyByteMoved() {
        String line = ProgressBar.render("upload", 0, 100, 0, 1, Duration.ZERO, 0, 120);
        assertThat(line).contains("-- MiB/s", "ETA --:--", "parts 0/1");
    }

    @Test
    void printsHoursOnceAnHourHasPassed() {
        assertThat(ProgressBar.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        assertThat(ProgressBar.clock(Duration.ofSeconds(65))).isEqualTo("1:05");
    }

    @Test
    void redrawsFromTheLatestUpdateAndClearsItsLineOnClose() throws Exception {
        StringWriter sink = new StringWriter();
        try (ProgressBar bar = ProgressBar.start(new PrintWriter(sink), "upload")) {
            bar.update(3 * ByteSize.MIB, 10 * ByteSize.MIB, 3, 10);
            Thread.sleep(450);
        }
        assertThat(sink.toString()).contains("\rupload  3.00 MiB/10.00 MiB   30%", "parts 3/10").endsWith("\r");
    }
}
