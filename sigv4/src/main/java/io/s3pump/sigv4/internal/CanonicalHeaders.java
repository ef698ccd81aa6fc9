package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Header;
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
        int[] order = new int[n];
        String[] names = new String[n];
        int nameBytes = 0;
        for (int i = 0; i < n; i++) {
            names[i] = headers.get(i).name();
            nameBytes += names[i].length() + 1;
            // Stable insertion sort: header lists are short, and repeated names must keep the caller's order.
            int j = i;
            while (j > 0 && compareIgnoreCase(names[order[j - 1]], names[i]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        boolean[] joins = new boolean[n];
        int[] starts = new int[n];
        byte[] list = new byte[Math.max(0, nameBytes - 1)];
        int o = 0;
        for (int k = 0; k < n; k++) {
            String name = names[order[k]];
            if (k > 0 && name.equalsIgnoreCase(names[order[k - 1]])) {
                joins[k] = true;
                continue;
            }
            if (o > 0) list[o++] = ';';
            starts[k] = o;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                list[o++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c); // names are ASCII, checked by Header
            }
        }
        return new CanonicalHeaders(headers, order, joins, o == list.length ? list : java.util.Arrays.copyOf(list, o), starts);
    }

    /** ASCII case-insensitive order, which is the order of the lower-cased names. */
    static int compareIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
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
        return new String(signedHeaders, java.nio.charset.StandardCharsets.US_ASCII);
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
