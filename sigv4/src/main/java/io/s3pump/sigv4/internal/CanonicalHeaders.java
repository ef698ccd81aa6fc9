package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SigV4 steps 1d/1e: the canonical headers and the signed-headers list. Names are lower-cased and sorted, values
 * trimmed with inner white space folded to one space, and repeated names joined with a comma in the order given.
 * Sorting and the signed-headers list are done once; the text is written on demand, without intermediate Strings.
 */
public final class CanonicalHeaders {
    private final List<Header> headers;
    private final int[] order;
    private final boolean[] joinsPrevious;
    // "host;x-amz-date;…": written into the canonical request and the Authorization header, and the source of
    // each lower-cased name (nameStart[k]) for the canonical header lines.
    private final byte[] signedHeaders;
    private final int[] nameStart;

    private CanonicalHeaders(List<Header> headers, int[] order, boolean[] joinsPrevious, byte[] signedHeaders, int[] nameStart) {
        this.headers = headers;
        this.order = order;
        this.joinsPrevious = joinsPrevious;
        this.signedHeaders = signedHeaders;
        this.nameStart = nameStart;
    }

    /** {@code headers} must not change afterwards. */
    public static CanonicalHeaders of(List<Header> headers) {
        int n = headers.size();
        // Sort keys: the first 16 lower-cased chars of each name packed into two longs, so nearly every comparison
        // is two long compares instead of a char-by-char case-insensitive walk over shared "x-amz-" prefixes.
        long[] keys = new long[2 * n];
        String[] names = new String[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            String name = headers.get(i).name();
            names[i] = name;
            keys[2 * i] = pack(name, 0);
            keys[2 * i + 1] = pack(name, 8);
            // Stable insertion sort: header lists are short, and repeated names must keep the caller's order.
            int j = i;
            while (j > 0 && compare(names, keys, order[j - 1], i) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        boolean[] joins = new boolean[n];
        int[] starts = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            joins[k] = k > 0 && compare(names, keys, order[k - 1], order[k]) == 0;
            if (!joins[k]) length += names[order[k]].length() + 1;
        }
        byte[] list = new byte[Math.max(0, length - 1)];
        int o = 0;
        for (int k = 0; k < n; k++) {
            if (joins[k]) continue;
            if (o > 0) list[o++] = ';';
            starts[k] = o;
            String name = names[order[k]];
            for (int i = 0; i < name.length(); i++) list[o++] = (byte) lower(name.charAt(i)); // ASCII, checked by Header
        }
        return new CanonicalHeaders(headers, order, joins, list, starts);
    }

    /** Eight lower-cased ASCII chars from {@code from}, big-endian, zero-padded (so a prefix sorts first). */
    private static long pack(String name, int from) {
        long key = 0;
        int end = Math.min(name.length(), from + 8);
        for (int i = from; i < end; i++) key |= (long) lower(name.charAt(i)) << (56 - 8 * (i - from));
        return key;
    }

    private static int compare(String[] names, long[] keys, int a, int b) {
        int c = Long.compareUnsigned(keys[2 * a], keys[2 * b]);
        if (c != 0) return c;
        c = Long.compareUnsigned(keys[2 * a + 1], keys[2 * b + 1]);
        if (c != 0) return c;
        String x = names[a];
        String y = names[b];
        if (x.length() <= 16 || y.length() <= 16) return x.length() - y.length();
        return compareIgnoreCase(x, y, 16);
    }

    /** ASCII case-insensitive order from index {@code from}: the order of the lower-cased names. */
    static int compareIgnoreCase(String a, String b, int from) {
        int n = Math.min(a.length(), b.length());
        for (int i = from; i < n; i++) {
            int x = lower(a.charAt(i));
            int y = lower(b.charAt(i));
            if (x != y) return x - y;
        }
        return a.length() - b.length();
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Writes {@code name:value\n} per distinct name. */
    public void writeTo(ByteBuf out) {
        for (int k = 0; k < order.length; k++) {
            Header h = headers.get(order[k]);
            if (joinsPrevious[k]) {
                out.truncateLast().append(','); // joined to the previous line: its '\n' becomes ','
            } else {
                out.append(signedHeaders, nameStart[k], h.name().length()).append(':');
            }
            out.appendFolded(h.value()).append('\n');
        }
    }

    /** Writes {@code host;x-amz-date;…}. */
    public void writeSignedHeaders(ByteBuf out) {
        out.append(signedHeaders);
    }

    public String signedHeaders() {
        return new String(signedHeaders, StandardCharsets.US_ASCII);
    }

    /** Trims and folds runs of white space (including obs-fold line breaks) to one space. */
    public static String fold(String v) {
        ByteBuf b = new ByteBuf(v.length() + 8);
        b.appendFolded(v);
        String folded = b.toString();
        return folded.equals(v) ? v : folded;
    }

    @Override
    public String toString() {
        ByteBuf b = new ByteBuf(64 * order.length + 16);
        writeTo(b);
        return b.toString();
    }
}
