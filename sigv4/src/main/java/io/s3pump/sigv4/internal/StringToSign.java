package io.s3pump.sigv4.internal;

/** SigV4 step 2: algorithm, request date-time, credential scope, hex hash of the canonical request. */
public final class StringToSign {
    private StringToSign() {}

    public static String of(String algorithm, String amzDate, String scope, String canonicalRequestHash) {
        return algorithm + '\n' + amzDate + '\n' + scope + '\n' + canonicalRequestHash;
    }

    /** Writes the string to sign with the hex of the 32-byte canonical request hash. */
    public static void writeTo(ByteBuf out, String algorithm, String amzDate, String scope, byte[] canonicalRequestHash) {
        out.appendAscii(algorithm).append('\n').appendAscii(amzDate).append('\n').appendAscii(scope).append('\n')
                .appendHex(canonicalRequestHash, 0, 32);
    }

    /** The string to sign for one aws-chunked chunk, chained to the previous signature. */
    public static String chunk(String amzDate, String scope, String previousSignature, String chunkHash) {
        return "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + '\n' + scope + '\n' + previousSignature + '\n'
                + Signatures.EMPTY_SHA256 + '\n' + chunkHash;
    }

    /** The string to sign for the trailer block, chained to the final chunk's signature. */
    public static String trailer(String amzDate, String scope, String previousSignature, String trailerHash) {
        return "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + '\n' + scope + '\n' + previousSignature + '\n' + trailerHash;
    }
}
