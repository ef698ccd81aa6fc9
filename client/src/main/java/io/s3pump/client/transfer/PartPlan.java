package io.s3pump.client.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one object of known size is uploaded: a single PutObject, or {@code partCount} parts of {@code partSize}
 * bytes with a shorter last part.
 *
 * <p>A pure value: {@link #plan} is a function of the size and the options only, and throws
 * {@link IllegalArgumentException} for impossible requests (a non-last part under 5 MiB, too many parts, an
 * object over 5 TiB) with a message that says what would work. Immutable and thread-safe.
 *
 * @param objectSize the object's size in bytes
 * @param partSize the size of every part but the last, in bytes; for a single PutObject the object size
 * @param partCount the number of parts; 1 for a single PutObject
 * @param singlePut whether the object goes up in one PutObject instead of a multipart upload
 */
public record PartPlan(long objectSize, long partSize, int partCount, boolean singlePut) {

    /** 5 MiB: S3's minimum size of every part but the last. */
    public static final long MIN_PART_SIZE = 5 * PartSizing.MIB;
    /** 5 GiB: S3's maximum part size, and the largest single PutObject. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** 5 TiB: S3's maximum object size. */
    public static final long MAX_OBJECT_SIZE = 5L << 40;
    /** 10,000: S3's maximum part count, and RGW's default {@code rgw_multipart_part_upload_limit}. */
    public static final int MAX_PARTS = 10_000;
    /** Objects below this size go up in a single PutObject by default: the default part size, 8 MiB. */
    public static final long DEFAULT_SINGLE_PUT_THRESHOLD = PartSizing.DEFAULT_PART_SIZE;

    public PartPlan {
        if (objectSize < 0) throw new IllegalArgumentException("object size is negative: " + objectSize);
        if (partCount < 1) throw new IllegalArgumentException("part count must be at least 1: " + partCount);
        if (partSize < 0 || (partSize == 0 && objectSize > 0))
            throw new IllegalArgumentException("bad part size: " + partSize);
        if (objectSize > 0 && ceilDiv(objectSize, partSize) != partCount)
            throw new IllegalArgumentException("part count " + partCount + " does not match " + objectSize
                    + " bytes in parts of " + partSize);
        if (singlePut && partCount != 1) throw new IllegalArgumentException("a single put has one part");
    }

    /**
     * Plans an upload of {@code objectSize} bytes.
     *
     * @param sizing how to choose the part size
     * @param maxParts the largest part count the server accepts (S3: 10,000; RGW:
     *     {@code rgw_multipart_part_upload_limit}), at most 10,000
     * @param singlePutThreshold objects smaller than this go up in one PutObject, unless
     *     {@link PartSizing.FixedCount} asks for more than one part; at most 5 GiB
     * @throws IllegalArgumentException if no valid upload has this shape; the message says what would work
     */
    public static PartPlan plan(long objectSize, PartSizing sizing, int maxParts, long singlePutThreshold) {
        if (objectSize < 0) throw new IllegalArgumentException("object size is negative: " + objectSize);
        if (maxParts < 1 || maxParts > MAX_PARTS)
            throw new IllegalArgumentException("max parts must be between 1 and 10,000: " + maxParts);
        if (singlePutThreshold < 0 || singlePutThreshold > MAX_PART_SIZE + 1)
            throw new IllegalArgumentException("single-put threshold must be between 0 and 5 GiB: " + singlePutThreshold);
        if (objectSize > MAX_OBJECT_SIZE)
            throw new IllegalArgumentException("object of " + human(objectSize)
                    + " is larger than S3's 5 TiB limit; split it into several objects of at most 5 TiB");
        boolean forcedMultipart = sizing instanceof PartSizing.FixedCount(int count) && count > 1;
        if (objectSize == 0 || (objectSize < singlePutThreshold && !forcedMultipart))
            return new PartPlan(objectSize, objectSize, 1, true);

        long partSize = switch (sizing) {
            case PartSizing.Auto(long start) -> autoPartSize(objectSize, start, maxParts);
            case PartSizing.FixedSize(long bytes) -> bytes;
            case PartSizing.FixedCount(int count) -> ceilDiv(objectSize, count);
        };
        long parts = ceilDiv(objectSize, partSize);
        if (parts > 1 && partSize < MIN_PART_SIZE) {
            long maxCount = Math.max(1, objectSize / MIN_PART_SIZE);
            throw new IllegalArgumentException("parts of " + human(partSize) + " are below S3's 5 MiB minimum for"
                    + " every part but the last; use a part size of at least 5 MiB, or at most " + maxCount
                    + " parts for " + human(objectSize));
        }
        if (partSize > MAX_PART_SIZE) {
            long minCount = ceilDiv(objectSize, MAX_PART_SIZE);
            throw new IllegalArgumentException("parts of " + human(partSize) + " exceed S3's 5 GiB maximum; "
                    + (minCount <= maxParts
                            ? "use a part size of at most 5 GiB, or at least " + minCount + " parts"
                            : "no part size fits " + human(objectSize) + " within " + maxParts + " parts"));
        }
        if (parts > maxParts) {
            long minSize = roundUpToMiB(ceilDiv(objectSize, maxParts));
            throw new IllegalArgumentException(human(objectSize) + " in parts of " + human(partSize) + " needs "
                    + parts + " parts, more than the limit of " + maxParts + "; use a part size of at least "
                    + human(minSize) + (minSize > MAX_PART_SIZE ? " (above the 5 GiB maximum: the object is too large"
                    + " for this part limit)" : ""));
        }
        return new PartPlan(objectSize, partSize, (int) parts, false);
    }

    /** Plans with the defaults: automatic 8 MiB sizing, 10,000 parts, single put below 8 MiB. */
    public static PartPlan plan(long objectSize) {
        return plan(objectSize, PartSizing.auto(), MAX_PARTS, DEFAULT_SINGLE_PUT_THRESHOLD);
    }

    private static long autoPartSize(long objectSize, long start, int maxParts) {
        long size = Math.max(roundUpToMiB(start), roundUpToMiB(ceilDiv(objectSize, maxParts)));
        size = Math.max(size, MIN_PART_SIZE);
        if (size > MAX_PART_SIZE)
            throw new IllegalArgumentException(human(objectSize) + " does not fit in " + maxParts
                    + " parts of at most 5 GiB; raise the part limit (rgw_multipart_part_upload_limit, at most 10,000)"
                    + " or split the object");
        return size;
    }

    /** The offset of part {@code partNumber} (1-based) in the object. */
    public long offset(int partNumber) {
        checkPart(partNumber);
        return (partNumber - 1) * partSize;
    }

    /** The length of part {@code partNumber} (1-based) in bytes. */
    public long length(int partNumber) {
        checkPart(partNumber);
        return partNumber < partCount ? partSize : objectSize - (long) (partCount - 1) * partSize;
    }

    /** All parts in part-number order. */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>(partCount);
        for (int n = 1; n <= partCount; n++) parts.add(new Part(n, offset(n), length(n)));
        return Collections.unmodifiableList(parts);
    }

    private void checkPart(int partNumber) {
        if (partNumber < 1 || partNumber > partCount)
            throw new IndexOutOfBoundsException("part " + partNumber + " of " + partCount);
    }

    /** One part: its 1-based number, its offset in the object and its length, in bytes. */
    public record Part(int number, long offset, long length) {
        public Part {
            if (number < 1) throw new IllegalArgumentException("part numbers start at 1: " + number);
            if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        }
    }

    static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }

    static long roundUpToMiB(long bytes) {
        return Math.ceilDiv(bytes, PartSizing.MIB) * PartSizing.MIB;
    }

    /** A size for messages: exact bytes plus the largest binary unit that divides it evenly, if any. */
    static String human(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) return (bytes / unit) + " " + units[i];
        }
        if (bytes >= PartSizing.MIB) return String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (double) PartSizing.MIB, bytes);
        return bytes + " bytes";
    }
}
