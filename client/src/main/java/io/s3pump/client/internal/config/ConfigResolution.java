package io.s3pump.client.internal.config;

import io.s3pump.client.ConfigException;
import io.s3pump.sigv4.Credentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS configuration conventions as pure functions of an environment map and two parsed files:
 * explicit settings win, then environment variables, then the profile in {@code ~/.aws/credentials} and
 * {@code ~/.aws/config}. Nothing here reads the real environment or the disk.
 */
public final class ConfigResolution {
    public static final String DEFAULT_REGION = "us-east-1";

    private ConfigResolution() {}

    /** Settings given explicitly (command-line options, builder calls); any may be {@code null}. */
    public record Explicit(String endpoint, Credentials credentials, String region, String profile) {}

    /** The two profile files and where they came from (for error messages). */
    public record Files(Path credentialsPath, Optional<IniFile> credentials, Path configPath,
            Optional<IniFile> config) {}

    /**
     * The resolved settings.
     *
     * @param endpoint the endpoint, or {@code null} when none was configured (the caller then uses AWS)
     * @param endpointSource where the endpoint came from
     * @param credentials the credentials
     * @param credentialsSource where the credentials came from
     * @param region the region
     * @param regionSource where the region came from
     * @param caBundle {@code AWS_CA_BUNDLE} or the profile's {@code ca_bundle}, or {@code null}
     * @param addressingStyle the profile's {@code s3.addressing_style} ({@code path}, {@code virtual},
     *     {@code auto}), or {@code null}
     */
    public record Resolved(URI endpoint, String endpointSource, Credentials credentials, String credentialsSource,
            String region, String regionSource, Path caBundle, String addressingStyle) {}

    /** Where the profile files are: {@code AWS_SHARED_CREDENTIALS_FILE} / {@code AWS_CONFIG_FILE}, else under {@code home/.aws}. */
    public static Path credentialsPath(Map<String, String> env, Path home) {
        String p = nonBlank(env.get("AWS_SHARED_CREDENTIALS_FILE"));
        return p != null ? expandHome(p, home) : home.resolve(".aws").resolve("credentials");
    }

    public static Path configPath(Map<String, String> env, Path home) {
        String p = nonBlank(env.get("AWS_CONFIG_FILE"));
        return p != null ? expandHome(p, home) : home.resolve(".aws").resolve("config");
    }

    private static Path expandHome(String p, Path home) {
        if (p.equals("~")) return home;
        if (p.startsWith("~/")) return home.resolve(p.substring(2));
        return Path.of(p);
    }

    /** The profile name: explicit, then {@code AWS_PROFILE}, then {@code AWS_DEFAULT_PROFILE}, then {@code default}. */
    public static String profileName(Explicit explicit, Map<String, String> env) {
        String p = nonBlank(explicit.profile());
        if (p == null) p = nonBlank(env.get("AWS_PROFILE"));
        if (p == null) p = nonBlank(env.get("AWS_DEFAULT_PROFILE"));
        return p == null ? "default" : p;
    }

    /**
     * Resolves endpoint, credentials and region.
     *
     * @param requireCredentials false for anonymous access: missing credentials are then not an error
     * @throws ConfigException when credentials are missing or half-set, a named profile does not exist, or
     *     the endpoint is malformed; the message lists every place that was looked at
     */
    public static Resolved resolve(Explicit explicit, Map<String, String> env, Files files, boolean requireCredentials) {
        String profile = profileName(explicit, env);
        boolean profileExplicit = nonBlank(explicit.profile()) != null || nonBlank(env.get("AWS_PROFILE")) != null
                || nonBlank(env.get("AWS_DEFAULT_PROFILE")) != null;
        Map<String, String> credSection = files.credentials().flatMap(f -> f.section(profile)).orElse(null);
        String configSectionName = profile.equals("default") ? "default" : "profile " + profile;
        Map<String, String> configSection = files.config().flatMap(f -> f.section(configSectionName))
                .or(() -> profile.equals("default") ? files.config().flatMap(f -> f.section("profile default"))
                        : Optional.empty())
                .orElse(null);
        if (profileExplicit && credSection == null && configSection == null && !profile.equals("default")) {
            throw new ConfigException("profile '" + profile + "' not found: looked for [" + profile + "] in "
                    + describe(files.credentialsPath(), files.credentials()) + " and for [" + configSectionName
                    + "] in " + describe(files.configPath(), files.config()));
        }

        // Region first: the default AWS endpoint depends on it.
        String region;
        String regionSource;
        if (nonBlank(explicit.region()) != null) {
            region = explicit.region().strip();
            regionSource = "explicit setting";
        } else if (nonBlank(env.get("AWS_REGION")) != null) {
            region = env.get("AWS_REGION").strip();
            regionSource = "AWS_REGION";
        } else if (nonBlank(env.get("AWS_DEFAULT_REGION")) != null) {
            region = env.get("AWS_DEFAULT_REGION").strip();
            regionSource = "AWS_DEFAULT_REGION";
        } else if (configSection != null && nonBlank(configSection.get("region")) != null) {
            region = configSection.get("region");
            regionSource = files.configPath() + " [" + configSectionName + "] region";
        } else {
            region = DEFAULT_REGION;
            regionSource = "default";
        }

        URI endpoint = null;
        String endpointSource = "AWS default";
        boolean ignoreConfigured = "true".equalsIgnoreCase(nonBlank(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")));
        if (nonBlank(explicit.endpoint()) != null) {
            endpointSource = "explicit setting";
            endpoint = parseEndpoint(explicit.endpoint(), endpointSource);
        } else if (!ignoreConfigured) {
            String servicesEndpoint = null;
            if (configSection != null && nonBlank(configSection.get("services")) != null) {
                String services = "services " + configSection.get("services").strip();
                servicesEndpoint = files.config().flatMap(f -> f.section(services))
                        .map(s -> nonBlank(s.get("s3.endpoint_url"))).orElse(null);
            }
            if (nonBlank(env.get("AWS_ENDPOINT_URL_S3")) != null) {
                endpointSource = "AWS_ENDPOINT_URL_S3";
                endpoint = parseEndpoint(env.get("AWS_ENDPOINT_URL_S3"), endpointSource);
            } else if (nonBlank(env.get("AWS_ENDPOINT_URL")) != null) {
                endpointSource = "AWS_ENDPOINT_URL";
                endpoint = parseEndpoint(env.get("AWS_ENDPOINT_URL"), endpointSource);
            } else if (servicesEndpoint != null) {
                endpointSource = files.configPath() + " [services " + configSection.get("services").strip()
                        + "] s3.endpoint_url";
                endpoint = parseEndpoint(servicesEndpoint, endpointSource);
            } else if (configSection != null && nonBlank(configSection.get("endpoint_url")) != null) {
                endpointSource = files.configPath() + " [" + configSectionName + "] endpoint_url";
                endpoint = parseEndpoint(configSection.get("endpoint_url"), endpointSource);
            }
        }

        Credentials credentials = null;
        String credentialsSource = "none (anonymous)";
        List<String> looked = new ArrayList<>();
        if (explicit.credentials() != null) {
            credentials = explicit.credentials();
            credentialsSource = "explicit setting";
        } else {
            String id = nonBlank(env.get("AWS_ACCESS_KEY_ID"));
            String secret = nonBlank(env.get("AWS_SECRET_ACCESS_KEY"));
            if (id != null && secret != null) {
                credentials = new Credentials(id, secret, nonBlank(env.get("AWS_SESSION_TOKEN")));
                credentialsSource = "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
            } else if (id != null || secret != null) {
                throw new ConfigException((id != null ? "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                        : "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
                        + "; set both, or neither to use profile '" + profile + "'");
            } else {
                looked.add("environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: unset)");
                credentials = fromSection(credSection);
                if (credentials != null) {
                    credentialsSource = files.credentialsPath() + " [" + profile + "]";
                } else {
                    looked.add(describeSection(files.credentialsPath(), files.credentials(), profile, credSection));
                    credentials = fromSection(configSection);
                    if (credentials != null) {
                        credentialsSource = files.configPath() + " [" + configSectionName + "]";
                    } else {
                        looked.add(describeSection(files.configPath(), files.config(), configSectionName, configSection));
                    }
                }
            }
        }
        if (credentials == null && requireCredentials) {
            throw new ConfigException("no S3 credentials found; looked at: explicit options (none), "
                    + String.join(", ", looked)
                    + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws_access_key_id and"
                    + " aws_secret_access_key in profile '" + profile + "'");
        }
        Path caBundle = null;
        if (nonBlank(env.get("AWS_CA_BUNDLE")) != null) {
            caBundle = Path.of(env.get("AWS_CA_BUNDLE").strip());
        } else if (configSection != null && nonBlank(configSection.get("ca_bundle")) != null) {
            caBundle = Path.of(configSection.get("ca_bundle"));
        }
        String addressing = configSection == null ? null : nonBlank(configSection.get("s3.addressing_style"));
        return new Resolved(endpoint, endpointSource, credentials, credentialsSource, region, regionSource, caBundle,
                addressing == null ? null : addressing.toLowerCase(Locale.ROOT));
    }

    private static Credentials fromSection(Map<String, String> section) {
        if (section == null) return null;
        String id = nonBlank(section.get("aws_access_key_id"));
        String secret = nonBlank(section.get("aws_secret_access_key"));
        if (id == null || secret == null) return null;
        return new Credentials(id, secret, nonBlank(section.get("aws_session_token")));
    }

    private static String describe(Path path, Optional<IniFile> file) {
        return path + (file.isPresent() ? "" : " (missing)");
    }

    private static String describeSection(Path path, Optional<IniFile> file, String section, Map<String, String> found) {
        if (file.isEmpty()) return path + " (missing)";
        if (found == null) return path + " (no [" + section + "])";
        return path + " [" + section + "] (no aws_access_key_id/aws_secret_access_key)";
    }

    /**
     * Checks an endpoint URL: {@code http} or {@code https}, a host, an optional port, no path beyond
     * {@code /}, no query, no user info.
     *
     * @throws ConfigException naming the source when it is malformed
     */
    public static URI parseEndpoint(String text, String source) {
        String t = text.strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source + ": " + e.getReason()
                    + "; expected a URL such as http://127.0.0.1:7480");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source
                    + ": it must start with http:// or https://, for example http://127.0.0.1:7480");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source + ": no host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source
                    + ": no user info, query or fragment allowed");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source
                    + ": no path allowed (got '" + path + "'); give only scheme, host and port");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException("malformed endpoint '" + t + "' from " + source + ": bad port");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
