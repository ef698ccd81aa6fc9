package io.s3pump.client.transfer;

/**
 * Part sizes for an upload of unknown length (a pipe, stdin): sizes grow so that the part limit does not cap the
 * object at {@code maxParts × basePartSize}.
 *
 * <p>Parts come in ten tiers of {@code maxParts / 10} parts each; the part size doubles from one tier to the next,
 * starting at {@code basePartSize} and never above 5 GiB. With the defaults (8 MiB, 10,000 parts) the first
 * 1,000 parts are 8 MiB (so a small stream costs little memory), and the whole plan covers about 8 TiB, more
 * than S3's 5 TiB object limit. A pure value; immutable and thread-safe.
 *
 * @param basePartSize the size of the first tier's parts in bytes, a multiple of 1 MiB and at least 5 MiB
 * @param maxParts the part limit, 10 to 10,000
 */
public record StreamingPartPlan(long basePartSize, int maxParts) {

    private static final int TIERS = 10;

    public StreamingPartPlan {
        if (basePartSize < PartPlan.MIN_PART_SIZE || basePartSize > PartPlan.MAX_PART_SIZE
                || basePartSize % PartSizing.MIB != 0)
            throw new IllegalArgumentException("streaming part size must be a multiple of 1 MiB between 5 MiB and"
                    + " 5 GiB: " + basePartSize);
        if (maxParts < TIERS || maxParts > PartPlan.MAX_PARTS)
            throw new IllegalArgumentException("max parts must be between 10 and 10,000: " + maxParts);
    }

    /** The default streaming plan: 8 MiB base, 10,000 parts. */
    public static StreamingPartPlan defaults() {
        return new StreamingPartPlan(PartSizing.DEFAULT_PART_SIZE, PartPlan.MAX_PARTS);
    }

    /** The size of part {@code partNumber} (1-based) in bytes; a stream may end earlier, inside any part. */
    public long partSize(int partNumber) {
        if (partNumber < 1 || partNumber > maxParts)
            throw new IndexOutOfBoundsException("part " + partNumber + " of at most " + maxParts);
        int tier = Math.min(TIERS - 1, (partNumber - 1) / (maxParts / TIERS));
        return Math.min(PartPlan.MAX_PART_SIZE, basePartSize << tier);
    }

    /** The largest stream this plan can carry in bytes, capped at S3's 5 TiB object limit. */
    public long maxObjectSize() {
        long total = 0;
        int perTier = maxParts / TIERS;
        for (int tier = 0; tier < TIERS; tier++) {
            int parts = tier == TIERS - 1 ? maxParts - perTier * (TIERS - 1) : perTier;
            total += parts * Math.min(PartPlan.MAX_PART_SIZE, basePartSize << tier);
        }
        return Math.min(total, PartPlan.MAX_OBJECT_SIZE);
    }

    /** The offset at which part {@code partNumber} starts, in bytes. */
    public long offset(int partNumber) {
        long offset = 0;
        for (int n = 1; n < partNumber; n++) offset += partSize(n);
        return offset;
    }
}
