package io.s3pump.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shared half of every command that talks to S3: the connection and output options, the printer, and the
 * target an error line names.
 */
abstract class S3Command implements Callable<Integer>, Targeted {
    @Spec CommandSpec spec;
    @Mixin(name = "connection") ConnectionOptions connection;
    @Mixin(name = "output") OutputOptions output;

    /** What the command is working on; set as soon as the arguments are parsed, read by the error handler. */
    S3Url target;

    @Override
    public S3Url target() {
        return target;
    }

    Printer printer() {
        return new Printer(spec, output);
    }
}
