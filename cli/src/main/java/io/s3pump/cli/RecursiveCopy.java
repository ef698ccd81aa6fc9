package io.s3pump.cli;

import io.s3pump.client.Contents;
import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.S3Client;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.EnumSet;

/**
 * What {@code cp --recursive SRC DST} means: every regular file under a directory to the keys under a prefix, or
 * every key under a prefix to the files under a directory, as {@code aws s3 cp --recursive} maps them. The plan is
 * made whole before the first byte moves, so that a name that cannot be mapped, or a local file in the way, fails
 * the command before anything is sent or written.
 */
final class RecursiveCopy {
    private RecursiveCopy() {}

    /**
     * One file of the tree: the single-file job, its size (known before it starts), and for a download the ETag the
     * listing showed ({@code null} otherwise), so that the download need not HEAD the object again.
     */
    record Item(CopyJob job, long size, String listedEtag) {
        Item(CopyJob job, long size) {
            this(job, size, null);
        }

        /** The S3 side of the job. */
        S3Url remote() {
            return switch (job) {
                case CopyJob.Upload u -> u.target();
                case CopyJob.Download d -> d.source();
                case CopyJob.Copy c -> c.target();
            };
        }

        /** Where the job copies from, as the user would name it. */
        String from() {
            return switch (job) {
                case CopyJob.Upload u -> String.valueOf(u.file());
                case CopyJob.Download d -> d.source().toString();
                case CopyJob.Copy c -> c.source().toString();
            };
        }

        /** Where the job copies to, as the user would name it. */
        String to() {
            return switch (job) {
                case CopyJob.Upload u -> u.target().toString();
                case CopyJob.Download d -> String.valueOf(d.file());
                case CopyJob.Copy c -> c.target().toString();
            };
        }
    }

    /**
     * The plan: what to copy, what cannot be copied (one line each), in the order they are found, and how many
     * files a resume found complete already.
     */
    record Plan(List<Item> items, List<String> refused, int complete) {
        long bytes() {
            return items.stream().mapToLong(Item::size).sum();
        }
    }

    /**
     * Every regular file under {@code src} (symbolic links followed, as {@code aws s3} does; a link back into the
     * tree is refused, so a loop cannot make the walk endless), each to {@code dst}'s prefix plus its path relative to {@code src}, with
     * {@code /} between the names.
     */
    static Plan uploads(String src, S3Url dst) {
        Path dir = localPath(src);
        if (!Files.exists(dir)) throw CliException.notFound("no such directory: " + src);
        if (!Files.isDirectory(dir)) {
            throw CliException.usage(src + " is not a directory; cp without --recursive uploads one file");
        }
        String prefix = asDirectory(dst.key());
        List<Path> files = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) files.add(p);
                    else refused.add(p + " is not a regular file");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path p, IOException e) {
                    refused.add(e instanceof FileSystemLoopException ? p + " is a link back into the tree (not followed)"
                            : Errors.classify(e, null).message());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read the directory tree under " + src + ": " + e);
        }
        files.sort(Comparator.comparing(Path::toString));
        List<Item> items = new ArrayList<>();
        for (Path p : files) {
            StringBuilder key = new StringBuilder(prefix);
            Path rel = dir.relativize(p);
            for (int i = 0; i < rel.getNameCount(); i++) key.append(i == 0 ? "" : "/").append(rel.getName(i));
            try {
                items.add(new Item(new CopyJob.Upload(p, new S3Url(dst.bucket(), key.toString())), Files.size(p)));
            } catch (IllegalArgumentException e) {
                refused.add(p + ": " + e.getMessage());
            } catch (IOException e) {
                refused.add(p + ": " + Errors.oneLine(String.valueOf(e.getMessage())));
            }
        }
        return new Plan(items, refused, 0);
    }

    /**
     * Every key under {@code src} (taken as a directory: {@code s3://b/photos} means the keys under
     * {@code photos/}, never {@code photos2/…}) to {@code dst} plus the key's remainder, its {@code /} as the local
     * separator. Keys ending in {@code /} are folder markers and copy nothing. A remainder with an empty, {@code .}
     * or {@code ..} segment would land outside {@code dst} or on another key's file, so it is refused.
     *
     * <p>A local file already in the way fails the plan unless {@code force}; with {@code resume}, a file of the
     * object's size is taken as done (a download is renamed into place only after it verified) and skipped.
     */
    static Plan downloads(S3Client s3, S3Url src, String dst, boolean force, boolean resume) throws IOException {
        Path dir = localPath(dst);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw CliException.usage(dst + " is not a directory; cp --recursive downloads into a directory");
        }
        String prefix = asDirectory(src.key());
        List<Item> found = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Path> inTheWay = new ArrayList<>();
        int[] skipped = new int[1];
        s3.listObjectsV2All(ListObjectsV2Request.of(src.bucket()).withPrefix(prefix.isEmpty() ? null : prefix), page -> {
            for (Contents c : page.contents()) {
                String rest = c.key().substring(prefix.length());
                if (rest.isEmpty() || rest.endsWith("/")) continue;
                Path file = localFile(dir, rest);
                S3Url key = new S3Url(src.bucket(), c.key());
                if (file == null) {
                    refused.add(key + " cannot be a file under " + dst + " (an empty, '.' or '..' segment)");
                    continue;
                }
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(file)) {
                        refused.add(key + ": " + file + " is a directory");
                        continue;
                    }
                    if (resume && sizeOf(file) == c.size()) {
                        skipped[0]++;
                        continue;
                    }
                    if (!force && !resume) {
                        inTheWay.add(file);
                        continue;
                    }
                }
                found.add(new Item(CopyJob.Download.into(key, file), c.size(), c.eTag()));
            }
            return true;
        });
        List<Item> items = found;
        // A key that is also another key's folder ("a" and "a/b") cannot be both a file and a directory here.
        java.util.Set<Path> folders = new java.util.HashSet<>();
        for (Item i : items) {
            for (Path p = ((CopyJob.Download) i.job()).file().getParent(); p != null && !p.equals(dir); p = p.getParent())
                folders.add(p);
        }
        if (!folders.isEmpty()) {
            List<Item> kept = new ArrayList<>();
            for (Item i : items) {
                CopyJob.Download d = (CopyJob.Download) i.job();
                if (folders.contains(d.file())) refused.add(d.source() + " cannot be the file " + d.file()
                        + ": other keys need it as a directory");
                else kept.add(i);
            }
            items = kept;
        }
        if (!inTheWay.isEmpty()) {
            throw CliException.usage(inTheWay.getFirst() + (inTheWay.size() == 1 ? " already exists"
                    : " and " + (inTheWay.size() - 1) + " more files already exist") + "; add --force to overwrite"
                    + " them, or --resume to keep the ones that are complete");
        }
        return new Plan(items, refused, skipped[0]);
    }

    /** The local file for a key's remainder under {@code dir}, or {@code null} if it would not stay under it. */
    static Path localFile(Path dir, String rest) {
        Path file = dir;
        for (String segment : rest.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) return null;
            try {
                file = file.resolve(segment);
            } catch (InvalidPathException e) {
                return null;
            }
            if (file.getNameCount() == 0 || !file.getFileName().toString().equals(segment)) return null;
        }
        return file.normalize().startsWith(dir.normalize()) ? file : null;
    }

    /** A key prefix that names a directory: empty (the whole bucket) or ending in {@code /}. */
    static String asDirectory(String key) {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path localPath(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw CliException.usage("'" + arg + "' is not a valid local path: " + e.getReason());
        }
    }
}
