/** The {@code s3pump} command. */
module io.s3pump.cli {
    requires io.s3pump.bench;
    requires info.picocli;

    opens io.s3pump.cli to info.picocli;
}
