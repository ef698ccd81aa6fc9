package io.s3pump.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the copied test vectors under src/test/resources/vectors. */
final class Vectors {
    static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    static Path root() {
        URL url = Vectors.class.getResource("/vectors/README.md");
        if (url == null) throw new IllegalStateException("test vectors missing from the test class path");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        return json(path(relative));
    }

    static Credentials credentials(JsonNode node) {
        JsonNode c = node.get("credentials");
        return new Credentials(c.get("access_key_id").asText(), c.get("secret_access_key").asText(),
                c.hasNonNull("token") ? c.get("token").asText() : null);
    }

    static SigningParams params(JsonNode node) {
        return new SigningParams(credentials(node), node.get("region").asText(), node.get("service").asText(),
                Instant.parse(node.get("timestamp").asText()));
    }

    static List<Header> headers(JsonNode pairs) {
        List<Header> out = new ArrayList<>();
        for (JsonNode p : pairs) out.add(new Header(p.get(0).asText(), p.get(1).asText()));
        return out;
    }

    static List<QueryParam> query(JsonNode pairs) {
        List<QueryParam> out = new ArrayList<>();
        if (pairs != null) for (JsonNode p : pairs) out.add(new QueryParam(p.get(0).asText(), p.get(1).asText()));
        return out;
    }

    /** A payload described in the vectors as N bytes of one letter. */
    static byte[] repeated(char c, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }
}
