package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Header;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SigV4 step 1d/1e: the canonical headers and the signed-headers list. Names are lower-cased and sorted,
 * values trimmed with inner white space folded to one space, and repeated names joined with a comma in
 * the order they were given.
 *
 * @param names lower-case, sorted, distinct
 * @param values canonical value for each name
 */
public record CanonicalHeaders(String[] names, String[] values) {

    public static CanonicalHeaders of(List<Header> headers) {
        int n = headers.size();
        String[] lower = new String[n];
        String[] folded = new String[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            Header h = headers.get(i);
            lower[i] = h.name().toLowerCase(Locale.ROOT);
            folded[i] = fold(h.value());
            order[i] = i;
        }
        // Stable sort: repeated names keep the caller's order, which the comma join must preserve.
        Arrays.sort(order, (a, b) -> lower[a].compareTo(lower[b]));
        String[] names = new String[n];
        String[] values = new String[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (m > 0 && names[m - 1].equals(lower[i])) {
                values[m - 1] = values[m - 1] + "," + folded[i];
            } else {
                names[m] = lower[i];
                values[m] = folded[i];
                m++;
            }
        }
        return new CanonicalHeaders(Arrays.copyOf(names, m), Arrays.copyOf(values, m));
    }

    /** {@code host;x-amz-date;…} */
    public String signedHeaders() {
        int len = names.length;
        for (String s : names) len += s.length();
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < names.length; i++) {
            if (i > 0) sb.append(';');
            sb.append(names[i]);
        }
        return sb.toString();
    }

    /** Appends {@code name:value\n} for each header. */
    public void appendTo(StringBuilder sb) {
        for (int i = 0; i < names.length; i++) {
            sb.append(names[i]).append(':').append(values[i]).append('\n');
        }
    }

    int textLength() {
        int len = 0;
        for (int i = 0; i < names.length; i++) len += names[i].length() + values[i].length() + 2;
        return len;
    }

    /** Trims and folds runs of white space (including obs-fold line breaks) to one space. */
    public static String fold(String v) {
        int n = v.length();
        boolean clean = n == 0 || !isSpace(v.charAt(0)) && !isSpace(v.charAt(n - 1));
        for (int i = 0; clean && i < n; i++) {
            char c = v.charAt(i);
            if (c == '\t' || c == '\r' || c == '\n' || c == ' ' && i + 1 < n && v.charAt(i + 1) == ' ') clean = false;
        }
        if (clean) return v;
        StringBuilder sb = new StringBuilder(n);
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (isSpace(c)) {
                pendingSpace = sb.length() > 0;
            } else {
                if (pendingSpace) sb.append(' ');
                pendingSpace = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalHeaders other && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }
}
