package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How {@code cp --recursive} maps key remainders onto local paths, without a server. */
class RecursiveCopyTest {
    private static final Path DIR = Path.of("/tmp/target");

    @Test
    void aKeysSlashesBecomeLocalDirectories() {
        assertThat(RecursiveCopy.localFile(DIR, "a/b c/d+e?.txt")).isEqualTo(DIR.resolve("a").resolve("b c").resolve("d+e?.txt"));
        assertThat(RecursiveCopy.localFile(DIR, "ünï/ℌ")).isEqualTo(DIR.resolve("ünï").resolve("ℌ"));
    }

    @Test
    void aRemainderThatCouldLeaveTheDirectoryOrMeetAnotherKeysFileHasNoLocalFile() {
        assertThat(RecursiveCopy.localFile(DIR, "../etc/passwd")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "a/../../x")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "a/./b")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "a//b")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "/abs")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "..")).isNull();
        assertThat(RecursiveCopy.localFile(DIR, "nul\0byte")).isNull();
    }

    @Test
    void aPrefixIsTakenAsADirectory() {
        assertThat(RecursiveCopy.asDirectory("")).isEmpty();
        assertThat(RecursiveCopy.asDirectory("photos")).isEqualTo("photos/");
        assertThat(RecursiveCopy.asDirectory("photos/")).isEqualTo("photos/");
    }
}
