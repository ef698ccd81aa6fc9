package io.s3pump.bench;

/**
 * Hears about a benchmark as it runs, so that a command can print each transfer when it ends. Called on the
 * benchmark's thread; the default methods ignore the event.
 */
public interface BenchListener {
    /** A listener that ignores everything. */
    BenchListener NONE = new BenchListener() {};

    /** A line about what happens next (generating the file, warming up, discovery). */
    default void note(String line) {}

    /** A warm-up upload or a measured transfer ended. */
    default void transferred(RoundResult result) {}
}
