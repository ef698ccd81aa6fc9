package io.s3pump.client.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadStateWriterTest {
    private static final long MS = 1_000_000L;

    @TempDir Path dir;
    private final AtomicLong now = new AtomicLong();

    @Test
    void savesAreCoalescedToOnePerIntervalAndFlushSavesTheRest() throws IOException {
        Path statePath = dir.resolve(".o.s3pump.state");
        Md5Digest md5 = Md5Digest.of(new byte[16]);
        try (FileChannel data = FileChannel.open(dir.resolve(".o.s3pump.part"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            TreeMap<Integer, Md5Digest> resumed = new TreeMap<>();
            resumed.put(0, md5);
            var writer = new DownloadStateWriter(statePath, data, "etag-2", 100, 10, "boot-1", resumed, now::get,
                    500 * MS);
            for (int range = 1; range <= 5; range++) {
                now.addAndGet(100 * MS);
                writer.finished(range, range == 3 ? null : md5);
                if (range < 5) assertThat(statePath).as("no save before the interval, range %d", range).doesNotExist();
            }
            assertThat(writer.saves()).isEqualTo(1);
            DownloadState saved = DownloadState.load(statePath).orElseThrow();
            assertThat(saved.done().keySet()).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(saved.md5(3)).as("an unhashed range is recorded as such").isNull();
            assertThat(saved.md5(4)).isEqualTo(md5);

            now.addAndGet(100 * MS);
            writer.finished(6, md5);
            assertThat(writer.saves()).isEqualTo(1);
            writer.flush();
            writer.flush();   // nothing new: no second write
            assertThat(writer.saves()).isEqualTo(2);
            assertThat(DownloadState.load(statePath).orElseThrow().done()).containsKey(6);
            assertThat(Files.readString(statePath)).startsWith("s3pump-download-state 2\netag etag-2\nsize 100\nrangeSize 10\nboot boot-1\n");
        }
    }

    @Test
    void aStateWithoutABootRoundTripsAndTheOldFormatReadsAsOne() throws IOException {
        DownloadState state = new DownloadState("e", 30, 10, null, new TreeMap<>(java.util.Map.of(2, Md5Digest.of(new byte[16]))));
        assertThat(state.format()).contains("\nboot -\n");
        assertThat(DownloadState.parse(state.format())).isEqualTo(state);
        assertThat(DownloadState.parse(state.format()).boot()).isNull();
        DownloadState v1 = DownloadState.parse("s3pump-download-state 1\netag e\nsize 30\nrangeSize 10\nrange 2 -\nend\n");
        assertThat(v1.boot()).as("version 1 always forced its data").isNull();
        assertThat(v1.done()).containsOnlyKeys(2);
        assertThatThrownBy(() -> DownloadState.parse("s3pump-download-state 3\netag e\nend\n")).isInstanceOf(IOException.class);
    }
}
