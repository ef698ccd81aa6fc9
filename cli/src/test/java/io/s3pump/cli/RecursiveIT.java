package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.s3pump.client.PutObjectRequest;
import io.s3pump.client.UploadBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cp --recursive} and {@code rm --recursive} as a user runs them, against the local RGW. */
class RecursiveIT {
    static ItBucket bucket;
    static Jar jar;

    @TempDir Path dir;

    @BeforeAll
    static void bucket() throws IOException {
        bucket = new ItBucket("recursive-it");
        jar = Jar.withEnvironment();
    }

    @AfterAll
    static void removeBucket() throws IOException {
        if (bucket != null) bucket.close();
    }

    /** A tree with nested folders, awkward names, an empty file and one file of several parts. */
    private Path tree(String name) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("sp ace/ünï"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("top.txt"), "top");
        Files.write(root.resolve("a/b/zero"), new byte[0]);
        Files.writeString(root.resolve("sp ace/ünï/f+?#%.txt"), "odd");
        CliIT.randomFile(root.resolve("a"), "big.bin", 17 * ByteSize.MIB + 3, 7);
        return root;
    }

    /** Relative path → sha256 of every regular file under {@code root}. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), CliIT.sha256(p));
            }
        }
        return out;
    }

    @Test
    void aTreeGoesUpUnderThePrefixAndComesBackByteForByte() throws Exception {
        Path src = tree("src");
        Jar.Result up = jar.run("cp", "--recursive", "--part-size", "5MiB", src.toString(), bucket.url("t1"));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(bucket.keys()).filteredOn(k -> k.startsWith("t1/")).containsExactlyInAnyOrder(
                "t1/top.txt", "t1/a/b/zero", "t1/sp ace/ünï/f+?#%.txt", "t1/a/big.bin");
        assertThat(up.out()).contains("upload: " + src.resolve("a/big.bin") + " -> " + bucket.url("t1/a/big.bin"))
                .contains("4 parts of 5.00 MiB").contains("upload: 4 of 4 files, ");

        Path back = dir.resolve("back");
        Jar.Result down = jar.run("cp", "-r", bucket.url("t1"), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(contents(back)).isEqualTo(contents(src));
        assertThat(down.out()).contains("download: 4 of 4 files, ");
        try (Stream<Path> leftovers = Files.walk(back)) {
            assertThat(leftovers.map(Path::toString)).noneMatch(p -> p.contains(".s3pump."));
        }
    }

    @Test
    void aPrefixIsADirectorySoASiblingWithTheSameStartIsLeftAlone() throws Exception {
        put("t2/keep-out/x", "no");
        put("t2/kept/y", "yes");
        put("t2/kept-not/z", "no");
        Path back = dir.resolve("only-kept");
        Jar.Result down = jar.run("cp", "--recursive", bucket.url("t2/kept"), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(contents(back).keySet()).containsExactly("y");

        Jar.Result rm = jar.run("rm", "--recursive", bucket.url("t2/kept"));
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.out()).contains("delete: " + bucket.url("t2/kept/y"));
        assertThat(bucket.keys()).filteredOn(k -> k.startsWith("t2/")).containsExactlyInAnyOrder(
                "t2/keep-out/x", "t2/kept-not/z");
    }

    @Test
    void aDownloadOntoExistingFilesRefusesBeforeWritingAnythingAndResumeSkipsTheCompleteOnes() throws Exception {
        put("t3/one", "1");
        put("t3/two", "22");
        Path back = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(back.resolve("one"), "x");   // same size as the object: taken as complete by --resume

        Jar.Result refused = jar.run("cp", "-r", bucket.url("t3/"), back.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).hasSize(1).first().asString()
                .contains(back.resolve("one") + " already exists").contains("--force").contains("--resume");
        assertThat(Files.exists(back.resolve("two"))).isFalse();

        Jar.Result resumed = jar.run("cp", "-r", "--resume", "--output", "json", bucket.url("t3/"), back.toString());
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(resumed.out());
        assertThat(doc.get("files").asInt()).isEqualTo(1);
        assertThat(doc.get("skipped").asInt()).isEqualTo(1);
        assertThat(Files.readString(back.resolve("one"))).isEqualTo("x");
        assertThat(Files.readString(back.resolve("two"))).isEqualTo("22");

        Jar.Result forced = jar.run("cp", "-r", "--force", bucket.url("t3/"), back.toString());
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(Files.readString(back.resolve("one"))).isEqualTo("1");
    }

    @Test
    void aKeyThatWouldEscapeTheTargetDirectoryIsRefusedAndTheRestIsCopied() throws Exception {
        put("t4/ok", "fine");
        put("t4/../escape", "bad");
        put("t4/a//b", "bad");
        Path back = dir.resolve("contained");
        Jar.Result down = jar.run("cp", "-r", bucket.url("t4"), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(down.errLines()).hasSize(2).allMatch(l -> l.startsWith("s3pump: skipping s3://"));
        assertThat(contents(back).keySet()).containsExactly("ok");
        assertThat(Files.exists(dir.resolve("escape"))).isFalse();
    }

    @Test
    void aKeyThatIsAlsoAnotherKeysFolderIsRefusedBeforeAnythingCollides() throws Exception {
        put("t7/a", "file");
        put("t7/a/b", "inside");
        Path back = dir.resolve("collide");
        Jar.Result down = jar.run("cp", "-r", bucket.url("t7"), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(down.errLines()).singleElement().asString().contains(bucket.url("t7/a") + " cannot be the file")
                .contains("as a directory");
        assertThat(Files.readString(back.resolve("a/b"))).isEqualTo("inside");
    }

    @Test
    void anUploadResumeSendsOnlyTheFilesNotAlreadyThere() throws Exception {
        Path src = tree("again");
        Jar.Result first = jar.run("cp", "-r", src.toString(), bucket.url("t5/"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Files.writeString(src.resolve("new.txt"), "new");

        Jar.Result again = jar.run("cp", "-r", "--resume", "--output", "json", src.toString(), bucket.url("t5/"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(again.out());
        assertThat(doc.get("files").asInt()).isEqualTo(1);
        assertThat(doc.get("skipped").asInt()).isEqualTo(4);
        assertThat(doc.get("transfers").get(0).get("target").asText()).isEqualTo(bucket.url("t5/new.txt"));
    }

    @Test
    void withoutRecursiveADirectoryIsStillAUsageError() throws Exception {
        Path src = tree("plain");
        Jar.Result r = jar.run("cp", src.toString(), bucket.url("t6/"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(1).first().asString().contains("is a directory").contains("--recursive");
    }

    private static void put(String key, String text) throws IOException {
        bucket.s3.putObject(PutObjectRequest.of(bucket.name, key), UploadBody.of(text.getBytes(StandardCharsets.UTF_8)));
    }
}
