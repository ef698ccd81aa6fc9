package io.s3pump.bench.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the server processes whose CPU a benchmark run charges to the server: the {@code radosgw} that listens on
 * the endpoint's port, and the {@code ceph-osd} daemons of the same cluster (the ones started with the same
 * {@code -c ceph.conf}). Several throwaway clusters may run on one machine, so "every radosgw" would be wrong.
 */
public final class ServerProcesses {
    /** A process and its command name. */
    public record Found(long pid, String command) {}

    /** What discovery found, and a sentence saying how (or why nothing was found). */
    public record Discovery(List<Found> processes, String how) {
        public Discovery {
            processes = List.copyOf(processes);
        }
    }

    private final ProcFs proc;

    public ServerProcesses(ProcFs proc) {
        this.proc = proc;
    }

    /** The radosgw serving {@code endpoint} and its cluster's OSDs, when the endpoint is on this machine. */
    public Discovery discover(URI endpoint) {
        if (proc == null) return new Discovery(List.of(), "no /proc on this system: server CPU not measured");
        String host = endpoint.getHost();
        if (!isLocal(host)) return new Discovery(List.of(), "endpoint " + host + " is not on this machine: server CPU not measured");
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        Set<Long> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                inodes.addAll(listeningInodes(Files.readString(proc.root().resolve(table)), port));
            } catch (IOException e) {
                // no IPv6 table is fine
            }
        }
        if (inodes.isEmpty()) return new Discovery(List.of(), "nothing listens on port " + port + ": server CPU not measured");
        List<Long> pids = pids();
        Long rgw = null;
        for (long pid : pids) {
            if (commandIs(pid, "radosgw") && holdsSocket(pid, inodes)) {
                rgw = pid;
                break;
            }
        }
        if (rgw == null) {
            return new Discovery(List.of(), "the process listening on port " + port
                    + " is not a radosgw (or not visible): server CPU not measured; name the pids explicitly");
        }
        List<Found> found = new ArrayList<>();
        found.add(new Found(rgw, "radosgw"));
        Optional<String> conf = Optional.empty();
        try {
            conf = configOf(proc.commandLine(rgw));
        } catch (IOException e) {
            // vanished or unreadable: report radosgw alone
        }
        if (conf.isEmpty()) {
            return new Discovery(found, "radosgw pid " + rgw + " listens on port " + port
                    + "; it names no -c config, so its OSDs cannot be told from other clusters' and are not counted");
        }
        for (long pid : pids) {
            if (pid != rgw && commandIs(pid, "ceph-osd")) {
                try {
                    if (configOf(proc.commandLine(pid)).equals(conf)) found.add(new Found(pid, "ceph-osd"));
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return new Discovery(found, "radosgw pid " + rgw + " listens on port " + port + "; ceph-osd of the same "
                + conf.get() + ": " + found.stream().skip(1).map(f -> Long.toString(f.pid())).toList());
    }

    /** Names {@code pids} explicitly (their command names are read for the report). */
    public Discovery named(List<Long> pids) {
        List<Found> found = new ArrayList<>();
        for (long pid : pids) {
            String command;
            try {
                command = proc == null ? "?" : proc.command(pid);
            } catch (IOException e) {
                throw new IllegalArgumentException("no process " + pid + " (server pids must be running)");
            }
            found.add(new Found(pid, command));
        }
        return new Discovery(found, "server pids given: " + pids);
    }

    private boolean commandIs(long pid, String name) {
        try {
            return proc.command(pid).equals(name);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean holdsSocket(long pid, Set<Long> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.root().resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(Long.parseLong(target.substring(8, target.length() - 1))))
                        return true;
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc.root(), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : dir) pids.add(Long.parseLong(p.getFileName().toString()));
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    static boolean isLocal(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1")) return true;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ pure parsers

    /** Inodes of the sockets listening (state 0A) on {@code port} in a {@code /proc/net/tcp} or {@code tcp6} text. */
    static Set<Long> listeningInodes(String table, int port) {
        Set<Long> inodes = new HashSet<>();
        String portHex = String.format("%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) continue; // header
            String local = f[1];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !local.substring(colon + 1).equalsIgnoreCase(portHex)) continue;
            if (!f[3].equalsIgnoreCase("0A")) continue;
            inodes.add(Long.parseLong(f[9]));
        }
        return inodes;
    }

    /** The config file a Ceph daemon was started with: {@code -c FILE}, {@code --conf FILE} or {@code --conf=FILE}. */
    static Optional<String> configOf(String[] argv) {
        List<String> args = Arrays.asList(argv);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-c") || a.equals("--conf")) && i + 1 < args.size()) return Optional.of(args.get(i + 1));
            if (a.startsWith("--conf=")) return Optional.of(a.substring("--conf=".length()));
        }
        return Optional.empty();
    }
}
