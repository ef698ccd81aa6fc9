/** The RGW throughput benchmark behind {@code s3pump bench}. */
module io.s3pump.bench {
    requires transitive io.s3pump.client;
}
