package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.QueryParam;
import io.s3pump.sigv4.UriEncoding;
import java.util.List;

/**
 * SigV4 step 1c: the canonical query string. Each name and value is encoded once, then sorted by encoded name,
 * then encoded value (byte order). Holds the parameters and their order; the text is written on demand.
 */
public final class CanonicalQuery {
    private final List<QueryParam> params;
    private final String[] encodedNames;
    private final int[] order;

    private CanonicalQuery(List<QueryParam> params, String[] encodedNames, int[] order) {
        this.params = params;
        this.encodedNames = encodedNames;
        this.order = order;
    }

    /** {@code params} must not change afterwards. */
    public static CanonicalQuery of(List<QueryParam> params) {
        int n = params.size();
        String[] names = new String[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = UriEncoding.encode(params.get(i).name()); // the same String when nothing needs encoding
            int j = i;
            while (j > 0 && compare(params, names, order[j - 1], i) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return new CanonicalQuery(params, names, order);
    }

    /** Encoded strings are ASCII, so String order is the byte order SigV4 asks for. */
    private static int compare(List<QueryParam> params, String[] names, int a, int b) {
        int c = names[a].compareTo(names[b]);
        if (c != 0) return c;
        return UriEncoding.encode(params.get(a).value()).compareTo(UriEncoding.encode(params.get(b).value()));
    }

    public void writeTo(ByteBuf out) {
        for (int k = 0; k < order.length; k++) {
            if (k > 0) out.append('&');
            int i = order[k];
            out.appendAscii(encodedNames[i]).append('=').appendUriEncoded(params.get(i).value(), false);
        }
    }

    @Override
    public String toString() {
        if (order.length == 0) return "";
        ByteBuf b = new ByteBuf(32 * order.length);
        writeTo(b);
        return b.toString();
    }
}
