package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Header;
import java.util.List;

/**
 * SigV4 steps 1d/1e: the canonical headers and the signed-headers list. Names are lower-cased and sorted, values
 * trimmed with inner white space folded to one space, and repeated names joined with a comma in the order given.
 * Holds the headers and their sorted order; the text is written on demand, without intermediate Strings.
 */
public final class CanonicalHeaders {
    private final List<Header> headers;
    private final int[] order;

    private CanonicalHeaders(List<Header> headers, int[] order) {
        this.headers = headers;
        this.order = order;
    }

    /** {@code headers} must not change afterwards. */
    public static CanonicalHeaders of(List<Header> headers) {
        int n = headers.size();
        int[] order = new int[n];
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = headers.get(i).name();
            // Stable insertion sort: header lists are short, and repeated names must keep the caller's order.
            int j = i;
            while (j > 0 && compareIgnoreCase(names[order[j - 1]], names[i]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return new CanonicalHeaders(headers, order);
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

    private boolean sameNameAsPrevious(int k) {
        return k > 0 && headers.get(order[k - 1]).name().equalsIgnoreCase(headers.get(order[k]).name());
    }

    /** Writes {@code name:value\n} per distinct name. */
    public void writeTo(ByteBuf out) {
        for (int k = 0; k < order.length; k++) {
            Header h = headers.get(order[k]);
            if (sameNameAsPrevious(k)) {
                out.truncateLast().append(','); // joined to the previous line: its '\n' becomes ','
            } else {
                out.appendLowerAscii(h.name()).append(':');
            }
            out.appendFolded(h.value()).append('\n');
        }
    }

    /** Writes {@code host;x-amz-date;…}. */
    public void writeSignedHeaders(ByteBuf out) {
        boolean first = true;
        for (int k = 0; k < order.length; k++) {
            if (sameNameAsPrevious(k)) continue;
            if (!first) out.append(';');
            out.appendLowerAscii(headers.get(order[k]).name());
            first = false;
        }
    }

    public String signedHeaders() {
        ByteBuf b = new ByteBuf(16 * order.length + 16);
        writeSignedHeaders(b);
        return b.toString();
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
