package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.QueryParam;
import io.s3pump.sigv4.UriEncoding;
import java.util.Arrays;
import java.util.List;

/** SigV4 step 1c: the canonical query string. Encode each name and value once, then sort by name, then value. */
public final class CanonicalQuery {
    private CanonicalQuery() {}

    public static String of(List<QueryParam> params) {
        int n = params.size();
        if (n == 0) return "";
        String[] names = new String[n];
        String[] values = new String[n];
        Integer[] order = new Integer[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            QueryParam p = params.get(i);
            names[i] = UriEncoding.encode(p.name());
            values[i] = UriEncoding.encode(p.value());
            order[i] = i;
            length += names[i].length() + values[i].length() + 2;
        }
        if (n > 1) {
            // Encoded strings are ASCII, so String.compareTo is the byte order SigV4 asks for.
            Arrays.sort(order, (a, b) -> {
                int c = names[a].compareTo(names[b]);
                return c != 0 ? c : values[a].compareTo(values[b]);
            });
        }
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (k > 0) sb.append('&');
            sb.append(names[i]).append('=').append(values[i]);
        }
        return sb.toString();
    }
}
