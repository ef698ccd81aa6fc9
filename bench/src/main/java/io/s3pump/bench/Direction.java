package io.s3pump.bench;

/** Which transfers a benchmark round measures. */
public enum Direction {
    /** Uploads only (each round's object is deleted after it). */
    UP,
    /** Downloads only, of one object uploaded once before the rounds (not measured). */
    DOWN,
    /** An upload, then a download of the same object, per round. */
    BOTH;

    boolean uploads() {
        return this != DOWN;
    }

    boolean downloads() {
        return this != UP;
    }
}
