package io.s3pump.client.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.AddressingStyle;
import io.s3pump.client.ConfigException;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.sigv4.Credentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint, credentials and region from explicit settings, the environment and the ~/.aws files. */
class ConfigResolutionTest {
    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void noFiles() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
    }

    private void credentialsFile(String text) throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), text);
    }

    private void configFile(String text) throws Exception {
        Files.writeString(home.resolve(".aws/config"), text);
    }

    private S3ClientConfig resolve(S3ClientConfig.Builder b) {
        return b.resolveFrom(env, home).build();
    }

    @Test
    void environmentVariablesGiveEndpointCredentialsAndRegion() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:7480");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_SESSION_TOKEN", "tok");
        env.put("AWS_REGION", "eu-west-1");
        S3ClientConfig c = resolve(S3ClientConfig.builder());
        assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:7480"));
        assertThat(c.credentials()).hasValue(new Credentials("test", "secret", "tok"));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.addressingStyle()).isEqualTo(AddressingStyle.PATH);
        assertThat(c.sources()).contains("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_REGION");
    }

    @Test
    void explicitSettingsWinOverTheEnvironment() {
        env.put("AWS_ENDPOINT_URL", "http://env:1");
        env.put("AWS_ACCESS_KEY_ID", "env");
        env.put("AWS_SECRET_ACCESS_KEY", "env");
        env.put("AWS_REGION", "env-region");
        S3ClientConfig c = resolve(S3ClientConfig.builder().endpoint("https://explicit:8443")
                .credentials(Credentials.of("me", "mine")).region("us-west-2"));
        assertThat(c.endpoint()).isEqualTo(URI.create("https://explicit:8443"));
        assertThat(c.credentials().orElseThrow().accessKeyId()).isEqualTo("me");
        assertThat(c.region()).isEqualTo("us-west-2");
    }

    @Test
    void theS3SpecificEndpointVariableWinsOverTheGeneralOne() {
        env.put("AWS_ENDPOINT_URL", "http://general:1");
        env.put("AWS_ENDPOINT_URL_S3", "http://s3-only:2");
        env.put("AWS_ACCESS_KEY_ID", "a");
        env.put("AWS_SECRET_ACCESS_KEY", "b");
        assertThat(resolve(S3ClientConfig.builder()).endpoint()).isEqualTo(URI.create("http://s3-only:2"));
    }

    @Test
    void theDefaultProfileSuppliesCredentialsRegionAndEndpoint() throws Exception {
        credentialsFile("""
                # a comment
                [default]
                aws_access_key_id = AKID
                aws_secret_access_key = se#cret   # trailing comment
                """);
        configFile("""
                [default]
                region = ap-south-1
                endpoint_url = http://rgw.local:7480/
                """);
        S3ClientConfig c = resolve(S3ClientConfig.builder());
        assertThat(c.credentials()).hasValue(Credentials.of("AKID", "se#cret"));
        assertThat(c.region()).isEqualTo("ap-south-1");
        assertThat(c.endpoint()).isEqualTo(URI.create("http://rgw.local:7480"));
    }

    @Test
    void aNamedProfileComesFromAwsProfileAndTheConfigFilesProfilePrefix() throws Exception {
        configFile("""
                [default]
                region = us-east-1
                [profile ceph]
                aws_access_key_id = cephkey
                aws_secret_access_key = cephsecret
                region = default
                services = my-rgw
                [services my-rgw]
                s3 =
                  endpoint_url = http://10.0.0.5:8080
                """);
        env.put("AWS_PROFILE", "ceph");
        S3ClientConfig c = resolve(S3ClientConfig.builder());
        assertThat(c.credentials().orElseThrow().accessKeyId()).isEqualTo("cephkey");
        assertThat(c.region()).isEqualTo("default");
        assertThat(c.endpoint()).isEqualTo(URI.create("http://10.0.0.5:8080"));
    }

    @Test
    void caBundleAndAddressingStyleFollowTheAwsCliSettings() throws Exception {
        configFile("""
                [default]
                aws_access_key_id = a
                aws_secret_access_key = b
                endpoint_url = http://rgw:1
                ca_bundle = /etc/ssl/rgw.pem
                s3 =
                  addressing_style = virtual
                """);
        S3ClientConfig c = resolve(S3ClientConfig.builder());
        assertThat(c.caBundle()).isEqualTo(Path.of("/etc/ssl/rgw.pem"));
        assertThat(c.addressingStyle()).isEqualTo(AddressingStyle.VIRTUAL_HOST);
        env.put("AWS_CA_BUNDLE", "/other.pem");
        assertThat(resolve(S3ClientConfig.builder()).caBundle()).isEqualTo(Path.of("/other.pem"));
        assertThat(resolve(S3ClientConfig.builder().addressingStyle(AddressingStyle.PATH)).addressingStyle())
                .isEqualTo(AddressingStyle.PATH);
    }

    @Test
    void theExplicitProfileWinsOverAwsProfile() throws Exception {
        credentialsFile("[one]\naws_access_key_id = k1\naws_secret_access_key = s1\n[two]\naws_access_key_id = k2\naws_secret_access_key = s2\n");
        env.put("AWS_PROFILE", "one");
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        S3ClientConfig c = resolve(S3ClientConfig.builder().profile("two"));
        assertThat(c.credentials().orElseThrow().accessKeyId()).isEqualTo("k2");
    }

    @Test
    void theFileLocationsComeFromTheirVariables() throws Exception {
        Path creds = home.resolve("elsewhere-creds");
        Files.writeString(creds, "[default]\naws_access_key_id = fromvar\naws_secret_access_key = s\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", creds.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("missing-config").toString());
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        assertThat(resolve(S3ClientConfig.builder()).credentials().orElseThrow().accessKeyId()).isEqualTo("fromvar");
    }

    @Test
    void missingCredentialsSayEveryPlaceThatWasLookedAt() {
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        assertThatThrownBy(() -> resolve(S3ClientConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no S3 credentials found")
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining(home.resolve(".aws/credentials") + " (missing)")
                .hasMessageContaining(home.resolve(".aws/config") + " (missing)");
    }

    @Test
    void halfSetEnvironmentCredentialsAreAnError() {
        env.put("AWS_ACCESS_KEY_ID", "only-id");
        assertThatThrownBy(() -> resolve(S3ClientConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not");
    }

    @Test
    void anUnknownProfileIsAnErrorNamingBothFiles() throws Exception {
        credentialsFile("[default]\naws_access_key_id = a\naws_secret_access_key = b\n");
        assertThatThrownBy(() -> resolve(S3ClientConfig.builder().profile("nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("profile 'nope' not found")
                .hasMessageContaining("[profile nope]");
    }

    @Test
    void aMalformedEndpointSaysWhereItCameFrom() {
        env.put("AWS_ENDPOINT_URL", "127.0.0.1:7480");
        env.put("AWS_ACCESS_KEY_ID", "a");
        env.put("AWS_SECRET_ACCESS_KEY", "b");
        assertThatThrownBy(() -> resolve(S3ClientConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed endpoint '127.0.0.1:7480' from AWS_ENDPOINT_URL")
                .hasMessageContaining("http://");
        env.put("AWS_ENDPOINT_URL", "http://host/some/path");
        assertThatThrownBy(() -> resolve(S3ClientConfig.builder()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no path allowed");
    }

    @Test
    void withoutAnyEndpointTheAwsRegionalEndpointWithVirtualHostsIsUsed() {
        env.put("AWS_ACCESS_KEY_ID", "a");
        env.put("AWS_SECRET_ACCESS_KEY", "b");
        env.put("AWS_DEFAULT_REGION", "eu-central-1");
        S3ClientConfig c = resolve(S3ClientConfig.builder());
        assertThat(c.endpoint()).isEqualTo(URI.create("https://s3.eu-central-1.amazonaws.com"));
        assertThat(c.addressingStyle()).isEqualTo(AddressingStyle.VIRTUAL_HOST);
    }

    @Test
    void theRegionDefaultsToUsEast1() {
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        env.put("AWS_ACCESS_KEY_ID", "a");
        env.put("AWS_SECRET_ACCESS_KEY", "b");
        assertThat(resolve(S3ClientConfig.builder()).region()).isEqualTo("us-east-1");
    }

    @Test
    void anonymousAccessNeedsNoCredentials() {
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        assertThat(resolve(S3ClientConfig.builder().anonymous()).credentials()).isEmpty();
    }

    @Test
    void ignoreConfiguredEndpointsSkipsEnvironmentAndProfileEndpoints() {
        env.put("AWS_ENDPOINT_URL", "http://x:1");
        env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        env.put("AWS_ACCESS_KEY_ID", "a");
        env.put("AWS_SECRET_ACCESS_KEY", "b");
        assertThat(resolve(S3ClientConfig.builder()).endpoint().getHost()).endsWith("amazonaws.com");
    }

    @Test
    void theConfigNeverPrintsTheSecret() {
        S3ClientConfig c = S3ClientConfig.builder().endpoint("http://x:1").credentials(new Credentials("id", "SECRETKEY", "TOKEN")).build();
        assertThat(c.toString()).contains("id").doesNotContain("SECRETKEY", "TOKEN");
    }
}
