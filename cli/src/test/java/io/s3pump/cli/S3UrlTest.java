package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3UrlTest {

    @Test
    void splitsBucketFromKeyAtTheFirstSlash() {
        assertThat(S3Url.parse("s3://bucket/a/b//c")).isEqualTo(new S3Url("bucket", "a/b//c"));
    }

    @Test
    void takesQuestionMarkHashPercentAndSpacesLiterallyAsPartOfTheKey() {
        S3Url url = S3Url.parse("s3://bucket/dir/a b?c=d#frag%20e+f");
        assertThat(url.key()).isEqualTo("dir/a b?c=d#frag%20e+f");
        assertThat(url).hasToString("s3://bucket/dir/a b?c=d#frag%20e+f");
    }

    @Test
    void aBareBucketHasAnEmptyKeyAndIsAPrefix() {
        assertThat(S3Url.parse("s3://bucket")).isEqualTo(new S3Url("bucket", ""));
        assertThat(S3Url.parse("s3://bucket").isPrefix()).isTrue();
        assertThat(S3Url.parse("s3://bucket/dir/").isPrefix()).isTrue();
        assertThat(S3Url.parse("s3://bucket/dir/file").isPrefix()).isFalse();
    }

    @Test
    void theFileNameIsTheLastKeySegment() {
        assertThat(S3Url.parse("s3://bucket/a/b/c.bin").fileName()).isEqualTo("c.bin");
        assertThat(S3Url.parse("s3://bucket/c.bin").fileName()).isEqualTo("c.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket/key", "http://bucket/key", "s3:/bucket/key", "/tmp/x"})
    void rejectsWhatIsNotAnS3UrlAndSaysWhatWasExpected(String arg) {
        assertThatThrownBy(() -> S3Url.parse(arg))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + arg + "' is not an S3 URL: expected s3://bucket/key");
    }

    @Test
    void rejectsAUrlWithoutBucket() {
        assertThatThrownBy(() -> S3Url.parse("s3:///key")).hasMessageContaining("names no bucket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b1", "Bucket", "bucket_name", "-bucket", "bucket-", "a..b", "192.168.1.1",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"})
    void rejectsInvalidBucketNamesNamingTheBucket(String bucket) {
        assertThatThrownBy(() -> S3Url.parse("s3://" + bucket + "/k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid bucket name '" + bucket + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket.v2", "0bucket9", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"})
    void acceptsValidBucketNames(String bucket) {
        assertThat(S3Url.parse("s3://" + bucket).bucket()).isEqualTo(bucket);
    }

    @Test
    void rejectsKeysOverS3sLimitOf1024Bytes() {
        assertThat(S3Url.parse("s3://bucket/" + "é".repeat(512)).key()).hasSize(512);
        assertThatThrownBy(() -> S3Url.parse("s3://bucket/" + "é".repeat(512) + "x"))
                .hasMessageContaining("1024 UTF-8 bytes");
    }
}
