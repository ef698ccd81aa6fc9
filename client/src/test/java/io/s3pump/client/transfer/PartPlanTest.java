package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartPlanTest {

    private static final long GIB = 1L << 30;

    @Test
    void smallObjectsGoUpInOneSinglePut() {
        PartPlan plan = PartPlan.plan(8 * MIB - 1);
        assertThat(plan.singlePut()).isTrue();
        assertThat(plan.partCount()).isEqualTo(1);
        assertThat(plan.length(1)).isEqualTo(8 * MIB - 1);
    }

    @Test
    void anEmptyObjectIsASinglePutEvenWhenPartsAreAskedFor() {
        PartPlan plan = PartPlan.plan(0, PartSizing.partCount(4), 10_000, 0);
        assertThat(plan.singlePut()).isTrue();
        assertThat(plan.length(1)).isZero();
    }

    @Test
    void defaultSizingUsesEightMebibyteParts() {
        PartPlan plan = PartPlan.plan(GIB);
        assertThat(plan.singlePut()).isFalse();
        assertThat(plan.partSize()).isEqualTo(8 * MIB);
        assertThat(plan.partCount()).isEqualTo(128);
    }

    @Test
    void lastPartTakesTheRemainder() {
        long size = 100 * MIB + 7;
        PartPlan plan = PartPlan.plan(size);
        assertThat(plan.partCount()).isEqualTo(13);
        assertThat(plan.length(13)).isEqualTo(4 * MIB + 7);
        assertThat(plan.parts().stream().mapToLong(PartPlan.Part::length).sum()).isEqualTo(size);
        assertThat(plan.offset(13)).isEqualTo(96 * MIB);
    }

    @Test
    void autoSizingGrowsToTheSmallestMebibyteMultipleWithinTenThousandParts() {
        long size = 100 * GIB;
        PartPlan plan = PartPlan.plan(size);
        // 100 GiB / 10,000 = 10.24 MiB, rounded up to 11 MiB
        assertThat(plan.partSize()).isEqualTo(11 * MIB);
        assertThat(plan.partCount()).isLessThanOrEqualTo(10_000);
        assertThat(PartPlan.plan(size, PartSizing.auto(), 10_000, 0).partSize() - MIB)
                .as("one MiB less would need more than 10,000 parts")
                .matches(smaller -> Math.ceilDiv(size, smaller) > 10_000);
    }

    @Test
    void autoSizingRespectsAConfiguredRgwPartLimit() {
        PartPlan plan = PartPlan.plan(GIB, PartSizing.auto(), 100, 0);
        assertThat(plan.partSize()).isEqualTo(11 * MIB);
        assertThat(plan.partCount()).isEqualTo(94);
    }

    @Test
    void fiveTebibytesFitWithParts() {
        PartPlan plan = PartPlan.plan(5L << 40);
        assertThat(plan.partSize()).isEqualTo(525 * MIB);
        assertThat(plan.partCount()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void anObjectOverFiveTebibytesFailsAndSaysToSplitIt() {
        assertThatThrownBy(() -> PartPlan.plan((5L << 40) + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 TiB")
                .hasMessageContaining("split");
    }

    @Test
    void explicitPartSizeIsUsedAsGiven() {
        PartPlan plan = PartPlan.plan(20 * MIB, PartSizing.partSize(6 * MIB), 10_000, 0);
        assertThat(plan.partSize()).isEqualTo(6 * MIB);
        assertThat(plan.partCount()).isEqualTo(4);
        assertThat(plan.length(4)).isEqualTo(2 * MIB);
    }

    @Test
    void explicitPartCountSplitsLikeTheBoto3Example() {
        long size = 100 * MIB + 1;
        PartPlan plan = PartPlan.plan(size, PartSizing.partCount(3), 10_000, PartPlan.DEFAULT_SINGLE_PUT_THRESHOLD);
        assertThat(plan.partCount()).isEqualTo(3);
        assertThat(plan.partSize()).isEqualTo(Math.ceilDiv(size, 3));
        assertThat(plan.singlePut()).isFalse();
    }

    @Test
    void anExplicitPartCountForcesMultipartBelowTheThreshold() {
        PartPlan plan = PartPlan.plan(6 * MIB, PartSizing.partCount(1), 10_000, 0);
        assertThat(plan.singlePut()).isFalse();
        assertThat(plan.partCount()).isEqualTo(1);
        assertThat(PartPlan.plan(7 * MIB, PartSizing.partCount(1), 10_000, 8 * MIB).singlePut())
                .as("one part below the threshold is just a put").isTrue();
    }

    @Test
    void aPartUnderFiveMebibytesThatIsNotLastFailsAndSaysWhatWorks() {
        assertThatThrownBy(() -> PartPlan.plan(20 * MIB, PartSizing.partSize(4 * MIB), 10_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below S3's 5 MiB minimum")
                .hasMessageContaining("at least 5 MiB")
                .hasMessageContaining("at most 4 parts");
        assertThatThrownBy(() -> PartPlan.plan(20 * MIB, PartSizing.partCount(5), 10_000, 0))
                .hasMessageContaining("at most 4 parts");
    }

    @Test
    void aSmallExplicitPartSizeIsFineWhenItIsTheOnlyPart() {
        PartPlan plan = PartPlan.plan(3 * MIB, PartSizing.partSize(4 * MIB), 10_000, 0);
        assertThat(plan.partCount()).isEqualTo(1);
        assertThat(plan.singlePut()).isFalse();
    }

    @Test
    void tooManyPartsFailAndNameTheSmallestPartSizeThatFits() {
        assertThatThrownBy(() -> PartPlan.plan(100 * GIB, PartSizing.partSize(5 * MIB), 10_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20480 parts")
                .hasMessageContaining("at least 11 MiB");
        assertThatThrownBy(() -> PartPlan.plan(GIB, PartSizing.partCount(10_001), 10_000, 0))
                .hasMessageContaining("below S3's 5 MiB minimum");
    }

    @Test
    void partsAboveFiveGibibytesFail() {
        assertThatThrownBy(() -> PartPlan.plan(12 * GIB, PartSizing.partSize(6 * GIB), 10_000, 0))
                .hasMessageContaining("5 GiB maximum")
                .hasMessageContaining("at least 3 parts");
    }

    @Test
    void anAutoPlanThatCannotFitTheLimitFailsBeforeAnyRequest() {
        assertThatThrownBy(() -> PartPlan.plan(60 * GIB, PartSizing.auto(), 10, 0))
                .hasMessageContaining("does not fit in 10 parts");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5 * MIB - 1, 5 * MIB, 5 * MIB + 1, 104_857_601L, 1L << 30, 5L << 30, 999_999_999_989L})
    void everyPlanCoversTheObjectExactlyInValidParts(long size) {
        PartPlan plan = PartPlan.plan(size, PartSizing.auto(), 10_000, 0);
        List<PartPlan.Part> parts = plan.parts();
        long next = 0;
        for (PartPlan.Part p : parts) {
            assertThat(p.offset()).isEqualTo(next);
            if (p.number() < plan.partCount()) assertThat(p.length()).isGreaterThanOrEqualTo(PartPlan.MIN_PART_SIZE);
            assertThat(p.length()).isPositive().isLessThanOrEqualTo(PartPlan.MAX_PART_SIZE);
            next += p.length();
        }
        assertThat(next).isEqualTo(size);
        assertThat(plan.partSize() % MIB).isZero();
    }

    @Test
    void streamingPartsGrowSoTenThousandPartsCoverFiveTebibytes() {
        StreamingPartPlan plan = StreamingPartPlan.defaults();
        assertThat(plan.partSize(1)).isEqualTo(8 * MIB);
        assertThat(plan.partSize(1000)).isEqualTo(8 * MIB);
        assertThat(plan.partSize(1001)).isEqualTo(16 * MIB);
        assertThat(plan.partSize(10_000)).isEqualTo(4096 * MIB);
        assertThat(plan.maxObjectSize()).isEqualTo(PartPlan.MAX_OBJECT_SIZE);
        assertThat(plan.offset(1001)).isEqualTo(1000 * 8 * MIB);
        assertThat(10_000 * 8 * MIB).as("a fixed size would cap the stream").isLessThan(plan.maxObjectSize());
    }

    @Test
    void streamingPartSizesStayWithinTheFiveGibibyteMaximum() {
        StreamingPartPlan plan = new StreamingPartPlan(64 * MIB, 10_000);
        for (int n = 1; n <= 10_000; n += 999) assertThat(plan.partSize(n)).isLessThanOrEqualTo(PartPlan.MAX_PART_SIZE);
        assertThat(plan.partSize(10_000)).isEqualTo(PartPlan.MAX_PART_SIZE);
        assertThatThrownBy(() -> new StreamingPartPlan(4 * MIB, 10_000)).hasMessageContaining("5 MiB");
    }
}
