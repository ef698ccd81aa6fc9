package io.s3pump.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What {@code cp SRC DST} means, decided before any request is sent: an upload of a file (or stdin) to a key, or a
 * download of a key to a file. Every local check happens here, so that a bad argument costs no request and leaves
 * nothing behind.
 */
sealed interface CopyJob {
    /** The argument for standard input. */
    String STDIN = "-";

    /** Upload {@code file} (or stdin when {@code null}) to {@code target}. */
    record Upload(Path file, S3Url target) implements CopyJob {
        boolean fromStdin() {
            return file == null;
        }
    }

    /**
     * Download {@code source} to {@code file}, or to standard output when {@code file} is {@code null}; {@code file}
     * does not exist yet, or {@code overwrite} is set. {@code streamed}: the bytes are written in order into what is
     * there (standard output, a FIFO, a device such as /dev/null) instead of a temporary file renamed into place.
     */
    record Download(S3Url source, Path file, boolean overwrite, boolean streamed) implements CopyJob {
        Download(S3Url source, Path file, boolean overwrite) {
            this(source, file, overwrite, file == null);
        }

        boolean toStdout() {
            return file == null;
        }

        /**
         * A download into {@code file}, which may exist: through a symbolic link to the file it names, into a FIFO
         * or device in order, over a regular file.
         */
        static Download into(S3Url source, Path file) {
            Path target = Files.isSymbolicLink(file) ? linkTarget(file) : file;
            boolean special = Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
            return new Download(source, target, true, special);
        }
    }

    /** Copy {@code source} to {@code target} on the server: no byte passes through this machine. */
    record Copy(S3Url source, S3Url target) implements CopyJob {}

    /**
     * Resolves the arguments like {@code aws s3 cp}: a key ending in {@code /} (or a bare bucket) takes the file's
     * name, and an existing local directory takes the key's last segment.
     *
     * @throws CliException with the exit code and one line naming the problem
     */
    static CopyJob resolve(String src, String dst, boolean force) {
        boolean srcS3 = S3Url.looksLikeS3(src);
        boolean dstS3 = S3Url.looksLikeS3(dst);
        if (!srcS3 && !dstS3) throw CliException.usage("one of SRC and DST must be an s3://bucket/key URL");
        if (srcS3 && dstS3) {
            S3Url source = S3Url.argument(src);
            if (source.isPrefix()) {
                throw CliException.usage(source + " names no object; give a key (a server-side copy of a prefix is"
                        + " not supported)");
            }
            S3Url target = S3Url.argument(dst);
            if (target.isPrefix()) target = new S3Url(target.bucket(), target.key() + source.fileName());
            if (target.equals(source)) {
                throw CliException.usage("source and destination are the same object: " + source);
            }
            return new Copy(source, target);
        }
        return dstS3 ? upload(src, S3Url.argument(dst)) : download(S3Url.argument(src), dst, force);
    }

    private static Upload upload(String src, S3Url target) {
        if (src.equals(STDIN)) {
            if (target.isPrefix()) throw CliException.usage("an upload from stdin needs a key: s3://"
                    + target.bucket() + "/KEY");
            return new Upload(null, target);
        }
        Path file = localPath(src);
        if (!Files.exists(file)) throw CliException.notFound("no such file: " + src);
        if (Files.isDirectory(file)) {
            throw CliException.usage(src + " is a directory; add --recursive to upload the files under it");
        }
        if (!Files.isRegularFile(file)) {
            throw CliException.usage(src + " is not a regular file; pipe it through stdin: cp - " + target);
        }
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCodes.FAILURE, "cannot read " + src + ": permission denied");
        }
        S3Url resolved = target.isPrefix()
                ? new S3Url(target.bucket(), target.key() + file.getFileName())
                : target;
        return new Upload(file, resolved);
    }

    private static Download download(S3Url source, String dst, boolean force) {
        if (source.isPrefix()) {
            throw CliException.usage(source + " names no object; give a key, or add --recursive to download the keys under it");
        }
        if (dst.equals(STDIN)) return new Download(source, null, false);   // "-" is standard output here
        Path target = localPath(dst);
        boolean dirSyntax = dst.endsWith("/") || dst.endsWith(java.io.File.separator);
        if (Files.isDirectory(target)) {
            target = target.resolve(source.fileName());
        } else if (dirSyntax) {
            throw CliException.notFound("directory " + dst + " does not exist");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw CliException.notFound("directory " + parent + " does not exist");
        }
        if (Files.isSymbolicLink(target)) {
            // Written through, as cp and aws s3 cp do: the file the link names is replaced, the link stays.
            target = linkTarget(target);
            Path linkParent = target.getParent();
            if (linkParent != null && !Files.isDirectory(linkParent)) {
                throw CliException.notFound("directory " + linkParent + " (where " + dst + " points) does not exist");
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target)) throw CliException.usage(target + " is a directory");
            // A FIFO or a device is written into, in order; there is no file content to protect from overwriting.
            if (!Files.isRegularFile(target)) return new Download(source, target, true, true);
            if (!force) throw CliException.usage(target + " already exists; add --force to overwrite it");
        }
        return new Download(source, target, force);
    }

    /** The path a symbolic link finally names (links followed, at most 40 deep), whether or not it exists. */
    private static Path linkTarget(Path link) {
        Path p = link.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.FAILURE, "cannot read the link " + link + ": " + e.getMessage());
            }
        }
        if (Files.isSymbolicLink(p)) throw CliException.usage(link + " is a loop of symbolic links");
        return p;
    }

    private static Path localPath(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw CliException.usage("'" + arg + "' is not a valid local path: " + e.getReason());
        }
    }
}
