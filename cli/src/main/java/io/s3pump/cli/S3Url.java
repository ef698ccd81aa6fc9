package io.s3pump.cli;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} argument, taken literally as the AWS CLI takes it: no percent-decoding, and
 * {@code ?}, {@code #}, {@code %} and spaces belong to the key. The key may be empty ({@code s3://bucket}).
 *
 * @param bucket a valid S3 bucket name
 * @param key the object key or prefix, exactly as typed after the first {@code /}; may be empty
 */
public record S3Url(String bucket, String key) {
    static final String SCHEME = "s3://";
    /** S3's limit on a key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public S3Url {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        String problem = bucketNameProblem(bucket);
        if (problem != null) throw new IllegalArgumentException(problem);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is longer than S3's limit of " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
    }

    /** True when {@code arg} is meant as an S3 location (starts with {@code s3://}), valid or not. */
    static boolean looksLikeS3(String arg) {
        return arg.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code s3://bucket[/key]}.
     *
     * @throws IllegalArgumentException with a message naming the problem, fit for one error line
     */
    public static S3Url parse(String arg) {
        Objects.requireNonNull(arg, "arg");
        if (!arg.startsWith(SCHEME)) {
            throw new IllegalArgumentException("'" + arg + "' is not an S3 URL: expected s3://bucket/key");
        }
        String rest = arg.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + arg + "' names no bucket: expected s3://bucket/key");
        }
        return new S3Url(bucket, key);
    }

    /** Parses a command-line argument: a malformed URL is a usage error (exit 2) with the parser's message. */
    static S3Url argument(String arg) {
        try {
            return parse(arg);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * Why {@code name} is not a valid bucket name under S3's naming rules, or {@code null} when it is.
     * RGW answers {@code InvalidBucketName} with an empty message for such names, so we say it first.
     */
    static String bucketNameProblem(String name) {
        String rules = "bucket names are 3-63 characters of lowercase letters, digits, '.' and '-',"
                + " starting and ending with a letter or digit";
        if (!BUCKET.matcher(name).matches()) return "invalid bucket name '" + name + "': " + rules;
        if (name.contains("..")) return "invalid bucket name '" + name + "': two dots in a row";
        if (IP_ADDRESS.matcher(name).matches()) {
            return "invalid bucket name '" + name + "': bucket names must not look like an IP address";
        }
        return null;
    }

    /** True when this names a whole bucket, or a "directory" prefix ending in {@code /}. */
    boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The last segment of the key, used as a local file name on download. */
    String fileName() {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + (key.isEmpty() ? "" : "/" + key);
    }
}
