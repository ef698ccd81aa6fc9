package io.s3pump.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessesTest {
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1CE8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0 100 0 0 10 0
               1: 0100007F:1CE9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5002 1 0 100 0 0 10 0
               2: 0100007F:1CE8 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 5003 1 0 20 4 30 10 -1
            """;

    @Test
    void listeningInodesAreThoseInStateListenOnThePort() {
        assertThat(ServerProcesses.listeningInodes(TCP, 7400)).containsExactly(5001L);
        assertThat(ServerProcesses.listeningInodes(TCP, 7401)).containsExactly(5002L);
        assertThat(ServerProcesses.listeningInodes(TCP, 80)).isEmpty();
    }

    @Test
    void configOfReadsEveryWayCephDaemonsAreGivenTheirConfig() {
        assertThat(ServerProcesses.configOf(new String[] {"radosgw", "-c", "/a/ceph.conf", "-f"})).hasValue("/a/ceph.conf");
        assertThat(ServerProcesses.configOf(new String[] {"ceph-osd", "--conf", "/b.conf"})).hasValue("/b.conf");
        assertThat(ServerProcesses.configOf(new String[] {"ceph-osd", "--conf=/c.conf", "-i", "0"})).hasValue("/c.conf");
        assertThat(ServerProcesses.configOf(new String[] {"ceph-osd", "-i", "0"})).isEmpty();
    }

    @Test
    void discoverFindsTheRadosgwOnThePortAndTheOsdOfItsOwnClusterOnly(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/tcp"), TCP);
        // two clusters: ours (port 7400, /a/ceph.conf) and another helper's (port 7401, /b/ceph.conf)
        process(root, 10, "radosgw", List.of("radosgw", "-c", "/b/ceph.conf", "-f"), 5002);
        process(root, 11, "ceph-osd", List.of("ceph-osd", "-c", "/b/ceph.conf", "-i", "0", "-f"), 0);
        process(root, 20, "radosgw", List.of("radosgw", "-c", "/a/ceph.conf", "-n", "client.rgw.a", "-f"), 5001);
        process(root, 21, "ceph-osd", List.of("ceph-osd", "-c", "/a/ceph.conf", "-i", "0", "-f"), 0);
        process(root, 22, "ceph-mon", List.of("ceph-mon", "-c", "/a/ceph.conf", "-i", "a"), 0);

        var found = new ServerProcesses(ProcFs.at(root, 100)).discover(URI.create("http://127.0.0.1:7400"));

        assertThat(found.processes()).containsExactly(new ServerProcesses.Found(20, "radosgw"),
                new ServerProcesses.Found(21, "ceph-osd"));
        assertThat(found.how()).contains("port 7400").contains("/a/ceph.conf");
    }

    @Test
    void discoverMeasuresNothingForARemoteEndpoint(@TempDir Path root) {
        var found = new ServerProcesses(ProcFs.at(root, 100)).discover(URI.create("https://s3.example.com"));
        assertThat(found.processes()).isEmpty();
        assertThat(found.how()).contains("not on this machine");
    }

    @Test
    void discoverMeasuresNothingWhenNoRadosgwListens(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/tcp"), TCP);
        process(root, 30, "nginx", List.of("nginx"), 5001);
        var found = new ServerProcesses(ProcFs.at(root, 100)).discover(URI.create("http://localhost:7400"));
        assertThat(found.processes()).isEmpty();
        assertThat(found.how()).contains("not a radosgw");
    }

    private static void process(Path root, long pid, String comm, List<String> argv, long socketInode) throws Exception {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        if (socketInode > 0) Files.createSymbolicLink(fd.resolve("7"), Path.of("socket:[" + socketInode + "]"));
    }
}
