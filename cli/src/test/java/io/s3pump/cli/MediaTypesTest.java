package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Content-Type an upload gets from its name. */
class MediaTypesTest {
    @TempDir Path dir;

    @Test
    void commonExtensionsAreKnownWhateverTheirCase() {
        assertThat(MediaTypes.forName("index.html")).isEqualTo("text/html");
        assertThat(MediaTypes.forName("PHOTO.JPG")).isEqualTo("image/jpeg");
        assertThat(MediaTypes.forName("backup.tar.gz")).isEqualTo("application/gzip");
    }

    @Test
    void aNameWithoutAnExtensionHasNoType() {
        assertThat(MediaTypes.forName("README")).isNull();
        assertThat(MediaTypes.forName("trailing.")).isNull();
        assertThat(MediaTypes.forName("dir.d/file")).isNull();
    }

    @Test
    void otherExtensionsComeFromTheSystemsMimeTypesFile() throws IOException {
        Path table = Files.writeString(dir.resolve("mime.types"), """
                # comment mentioning xyz
                application/x-thing\tthing thg
                chemical/x-xyz\t\txyz
                """);
        assertThat(MediaTypes.fromMimeTypesFile(table, "xyz")).isEqualTo("chemical/x-xyz");
        assertThat(MediaTypes.fromMimeTypesFile(table, "thg")).isEqualTo("application/x-thing");
        assertThat(MediaTypes.fromMimeTypesFile(table, "nope")).isNull();
        assertThat(MediaTypes.fromMimeTypesFile(dir.resolve("missing"), "xyz")).isNull();
    }
}
