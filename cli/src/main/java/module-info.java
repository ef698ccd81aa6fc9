/** The {@code s3pump} command. */
module io.s3pump.cli {
    requires io.s3pump.bench;
    requires io.s3pump.client;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.logging;

    opens io.s3pump.cli to info.picocli, com.fasterxml.jackson.databind;
}
