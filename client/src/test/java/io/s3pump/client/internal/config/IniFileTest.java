package io.s3pump.client.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IniFileTest {
    @Test
    void sectionsKeysCommentsAndNestedBlocksAreRead() {
        IniFile f = IniFile.parse(List.of(
                "; header comment", "orphan = ignored", "[default]", "Region = us-east-1", "  ", "[profile  x]",
                "s3 =", "    endpoint_url = http://h:1", "    addressing_style = path", "key=v=with=equals", "bad line"));
        assertThat(f.section("default")).hasValue(Map.of("region", "us-east-1"));
        assertThat(f.section("profile x")).hasValue(Map.of("s3.endpoint_url", "http://h:1",
                "s3.addressing_style", "path", "key", "v=with=equals"));
        assertThat(f.sections()).doesNotContainKey("orphan");
    }

    @Test
    void aHashInsideAValueIsKeptButASpacedOneStartsAComment() {
        IniFile f = IniFile.parse(List.of("[a]", "secret = ab#cd ; note", "other = x #y"));
        assertThat(f.section("a")).hasValue(Map.of("secret", "ab#cd", "other", "x"));
    }
}
