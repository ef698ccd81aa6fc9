package io.s3pump.client.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void theNewContentIsForcedBeforeTheRenameAndTheDirectoryAfterIt() throws IOException {
        Path target = dir.resolve("state");
        Files.writeString(target, "old");
        List<String> events = new ArrayList<>();
        AtomicFiles.write(target, dir.resolve("state.tmp"), "new", new AtomicFiles.Sync() {
            @Override
            public void file(FileChannel ch) throws IOException {
                events.add("file " + ch.size() + " bytes, target holds " + Files.readString(target));
            }

            @Override
            public void directory(Path d) throws IOException {
                events.add("dir " + d.getFileName() + ", target holds " + Files.readString(target));
            }
        });
        assertThat(events).containsExactly("file 3 bytes, target holds old",
                "dir " + dir.getFileName() + ", target holds new");
        assertThat(Files.readString(target)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(target);
        }
    }

    @Test
    void aFailedFlushLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("state");
        Files.writeString(target, "old");
        try {
            AtomicFiles.write(target, dir.resolve("state.tmp"), "new", new AtomicFiles.Sync() {
                @Override
                public void file(FileChannel ch) throws IOException {
                    throw new IOException("EIO");
                }

                @Override
                public void directory(Path d) {}
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("EIO");
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void aTemporaryFileLeftByAKilledSaveIsTruncatedReusedAndRemoved() throws IOException {
        Path target = dir.resolve("state");
        Path tmp = dir.resolve("state.tmp");
        Files.writeString(tmp, "a longer half-written state from a process killed mid-save");
        AtomicFiles.write(target, tmp, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(tmp).doesNotExist();
    }

    @Test
    void theRealFsyncPathWritesJournalsAndDownloadStates() throws IOException {
        JournalStore journals = new JournalStore(dir.resolve("journals"));
        UploadJournal journal = UploadJournal.start("b", "k", "upload-1",
                new FileIdentity("/data/f", 10, 1, "ino"), 5, 2);
        Path saved = journals.save(journal);
        assertThat(journals.load(saved)).contains(journal);

        Path statePath = dir.resolve(".f.s3pump.state");
        DownloadState state = new DownloadState("etag", 10, 5, "boot-1", new java.util.TreeMap<>(Map.of(1,
                Md5Digest.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))));
        state.save(statePath);
        assertThat(DownloadState.load(statePath)).contains(state);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("journals", ".f.s3pump.state");
        }
    }
}
