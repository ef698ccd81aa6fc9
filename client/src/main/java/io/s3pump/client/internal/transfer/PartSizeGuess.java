package io.s3pump.client.internal.transfer;

import io.s3pump.client.transfer.PartPlan;
import io.s3pump.client.transfer.PartSizing;
import java.util.OptionalLong;

/**
 * Guesses the part size an object of {@code size} bytes with a {@code <md5>-N} ETag was uploaded with, so that a
 * download can hash the same byte ranges and recompute the ETag. RGW ignores part-number GETs (RGW.md), so ranges
 * aligned to a guessed part size are the only way to check a composite ETag.
 *
 * <p>Any part size {@code p} with {@code ceil(size / p) == N} is consistent with the ETag; the guess prefers a
 * caller's hint, then s3pump's own plan, then the defaults of common clients (AWS CLI and boto3 8 MiB, rclone
 * 5 MiB, s3cmd 15 MiB, mc 16 MiB, 64 MiB), then the smallest multiple of 1 MiB, then the smallest size. A pure
 * function.
 */
public final class PartSizeGuess {
    private static final long MIB = PartSizing.MIB;
    private static final long[] COMMON = {8 * MIB, 5 * MIB, 16 * MIB, 15 * MIB, 64 * MIB, 32 * MIB, 128 * MIB};

    private PartSizeGuess() {}

    /**
     * Whether {@code partSize} is one that uploaders choose by default (s3pump's own plan for {@code size}, or a
     * common client's default), rather than the fallback of the smallest size that fits: a layout that likely is
     * the uploader's, so that an ETag it does not reproduce is worth a second look.
     */
    public static boolean isCommon(long size, long partSize) {
        for (long c : COMMON) if (c == partSize) return true;
        try {
            return PartPlan.plan(size, PartSizing.auto(), PartPlan.MAX_PARTS, 0).partSize() == partSize;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether parts of {@code partSize} bytes cut {@code size} bytes into exactly {@code parts} parts. */
    public static boolean fits(long size, int parts, long partSize) {
        return partSize > 0 && Math.ceilDiv(size, partSize) == parts && (parts > 1 || partSize >= size);
    }

    /**
     * A part size that reproduces {@code parts} parts for {@code size} bytes, or empty if none exists (for
     * example more parts than bytes).
     *
     * @param hint a part size to try first, or 0
     */
    public static OptionalLong guess(long size, int parts, long hint) {
        if (parts < 1 || size < 0) return OptionalLong.empty();
        if (parts == 1) return OptionalLong.of(Math.max(size, 1));
        if (size < parts) return OptionalLong.empty();
        if (fits(size, parts, hint)) return OptionalLong.of(hint);
        try {
            long own = PartPlan.plan(size, PartSizing.auto(), PartPlan.MAX_PARTS, 0).partSize();
            if (fits(size, parts, own)) return OptionalLong.of(own);
        } catch (IllegalArgumentException e) {
            // too large for our own planner: fall through to the generic candidates
        }
        for (long c : COMMON) if (fits(size, parts, c)) return OptionalLong.of(c);
        long lowest = Math.ceilDiv(size, parts);
        long mib = Math.ceilDiv(lowest, MIB) * MIB;
        if (fits(size, parts, mib)) return OptionalLong.of(mib);
        return fits(size, parts, lowest) ? OptionalLong.of(lowest) : OptionalLong.empty();
    }
}
