package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "8MiB, 8388608", "64M, 67108864", "64MB, 67108864", "1GiB, 1073741824", "1g, 1073741824",
        "5242880, 5242880", "17B, 17", "4k, 4096", "2TiB, 2199023255552", "' 8 MiB ', 8388608"
    })
    void readsEveryUnitAsBinary(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-5MiB", "1.5GiB", "8 parsecs", "8iB", "9999999999999999999T"})
    void rejectsWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is");
    }

    @Test
    void formatsWithTheLargestBinaryUnit() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(5 * ByteSize.MIB)).isEqualTo("5.00 MiB");
        assertThat(ByteSize.format(ByteSize.GIB + ByteSize.GIB / 2)).isEqualTo("1.50 GiB");
    }
}
