package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reserves the disk blocks of a download's temporary file with Linux {@code fallocate(2)}, called through the FFM
 * API, so that a disk that cannot hold the object fails before the first GET instead of after gigabytes. Elsewhere
 * (another OS, native access not enabled for this module, a file system without fallocate) it reports that it did
 * nothing, and the caller falls back to a sparse file.
 *
 * <p>Native access: the CLI jar's manifest enables it; a library user grants it with
 * {@code --enable-native-access=io.s3pump.client} (or {@code ALL-UNNAMED} on the class path). Without it this
 * class never calls the linker, so the JDK prints no restricted-method warning.
 */
public final class Preallocation {
    private static final System.Logger LOG = System.getLogger(Preallocation.class.getName());

    // Linux errno values, the same on x86-64 and AArch64.
    static final int EINTR = 4;
    static final int EFBIG = 27;
    static final int ENOSPC = 28;
    static final int EDQUOT = 122;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;

    /** The bound native functions, or {@code null} where they are unavailable. */
    private static final Native NATIVE = Native.bind();

    private Preallocation() {}

    /** Whether {@link #allocate} can reserve blocks on this platform and with this module's access. */
    public static boolean available() {
        return NATIVE != null;
    }

    /**
     * An open descriptor of a reserved file. It stays open until the download's {@code FileChannel} is closed:
     * closing any descriptor of a file drops all of the process's POSIX ({@code fcntl}) locks on it, and the JDK's
     * {@code FileLock} is one, the lock that marks the temporary file as in use.
     */
    public static final class Reservation implements AutoCloseable {
        /** No blocks reserved, nothing to close. */
        public static final Reservation NONE = new Reservation(-1);
        private int fd;

        private Reservation(int fd) {
            this.fd = fd;
        }

        /** Whether the file's blocks are reserved. */
        public boolean reserved() {
            return fd >= 0;
        }

        @Override
        public void close() {
            if (fd >= 0) NATIVE.close(fd);
            fd = -1;
        }
    }

    /**
     * Reserves {@code length} bytes from offset 0 of the existing file {@code file}, growing its size to at least
     * {@code length}; blocks already allocated are kept as they are (a resumed download keeps its data).
     *
     * @return the reservation ({@link Reservation#NONE} if nothing was done here); close it after the file's
     *         channel
     * @throws FileSystemException "not enough space for N bytes in DIR" when the file system is full (or over
     *         quota, or cannot hold a file that large)
     */
    public static Reservation allocate(Path file, long length) throws IOException {
        if (NATIVE == null || length <= 0) return Reservation.NONE;
        // ext4 and XFS allocate as far as they can before failing with ENOSPC, filling the disk for everyone
        // until the file is removed; so a fresh file that clearly cannot fit is refused without trying. (A resumed
        // file already holds some of its blocks, and fallocate itself decides.)
        if (Files.size(file) == 0) {
            FileStore fs = Files.getFileStore(file);
            if (fs.getTotalSpace() > 0 && fs.getUsableSpace() < length)
                throw new FileSystemException(null, null, notEnoughSpace(length, file.toAbsolutePath().getParent()));
        }
        long[] fdOrErrno = NATIVE.fallocate(file, length);
        if (fdOrErrno[1] == 0) return new Reservation((int) fdOrErrno[0]);
        int errno = (int) fdOrErrno[1];
        if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)
            throw new FileSystemException(null, null, notEnoughSpace(length, file.toAbsolutePath().getParent()));
        // EOPNOTSUPP (e.g. some network or FUSE file systems), ENOSYS, EPERM...: a sparse file does the job.
        LOG.log(System.Logger.Level.DEBUG, () -> "fallocate of " + file + " failed with errno " + errno
                + "; writing into a sparse file instead");
        return Reservation.NONE;
    }

    /** The one line a full disk produces. */
    static String notEnoughSpace(long length, Path dir) {
        return "not enough space for " + length + " bytes in " + dir;
    }

    /** {@code open}, {@code fallocate} and {@code close} from the C library, with {@code errno} captured. */
    private record Native(MethodHandle open, MethodHandle fallocate, MethodHandle close, StructLayout state,
                          VarHandle errno) {

        static Native bind() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                    || ValueLayout.ADDRESS.byteSize() != 8
                    || !Preallocation.class.getModule().isNativeAccessEnabled())
                return null;
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                StructLayout state = Linker.Option.captureStateLayout();
                MethodHandle open = linker.downcallHandle(libc.findOrThrow("open"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT),
                        errno, Linker.Option.firstVariadicArg(2));
                MethodHandle fallocate = linker.downcallHandle(libc.findOrThrow("fallocate"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                        errno);
                MethodHandle close = linker.downcallHandle(libc.findOrThrow("close"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                VarHandle errnoHandle = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
                return new Native(open, fallocate, close, state, errnoHandle);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "no fallocate through FFM: " + e);
                return null;
            }
        }

        /**
         * Opens {@code file} and reserves {@code length} bytes: {fd, 0} with the descriptor left open, or {-1, errno}
         * with it closed.
         */
        long[] fallocate(Path file, long length) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(this.state);
                MemorySegment name = arena.allocateFrom(file.toAbsolutePath().toString());
                int fd = (int) open.invokeExact(state, name, O_WRONLY | O_CLOEXEC, 0);
                if (fd < 0) return new long[] {-1, (int) errno.get(state, 0L)};
                while (true) {
                    int r = (int) fallocate.invokeExact(state, fd, 0, 0L, length);
                    if (r == 0) return new long[] {fd, 0};
                    int e = (int) errno.get(state, 0L);
                    if (e != EINTR) {
                        close(fd);
                        return new long[] {-1, e};
                    }
                }
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                // a linkage problem, not an I/O one: fall back like on any other unsupported platform
                LOG.log(System.Logger.Level.DEBUG, () -> "fallocate through FFM failed: " + t);
                return new long[] {-1, -1};
            }
        }

        void close(int fd) {
            try {
                int ignored = (int) close.invokeExact(fd);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.DEBUG, () -> "close through FFM failed: " + t);
            }
        }
    }
}
