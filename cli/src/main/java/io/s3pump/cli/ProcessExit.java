package io.s3pump.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ends the process once a command is done and its output flushed.
 *
 * <p>Why not only {@code System.exit}: the JVM's exit waits up to 300 ms for threads that are in native code to
 * settle ({@code VM_Exit::wait_for_threads_in_native_to_block}), and once a virtual thread has blocked on a
 * socket the JDK's poller thread sits in {@code epoll_wait} for good. So every transfer paid 0.3 s of wall time
 * after its last byte (measured: a program that read one socket on a virtual thread took 0.38 s to exit, 0.03 s
 * without). When the launcher asks for it ({@code -Ds3pump.fastExit=true}, only on runs where the JVM has
 * nothing left to do at exit: no class list being recorded, no options of the user's), this calls the C
 * library's {@code _exit} after flushing; the CLI's shutdown hooks are scoped to a transfer and gone by then.
 * Anywhere else, and whenever native access is not enabled, it is {@code System.exit}.
 */
final class ProcessExit {
    private ProcessExit() {}

    static void exit(int status, PrintWriter out, PrintWriter err) {
        out.flush();
        err.flush();
        System.out.flush();
        System.err.flush();
        String recorded = System.getProperty("s3pump.classListSucceeded");
        if (status == 0 && recorded != null) {
            // The launcher records the classes of the first run of each kind of transfer for its class-data
            // archive; only a run that succeeded loaded all of its kind's classes, and this file says so.
            try {
                Files.write(Path.of(recorded), new byte[0]);
            } catch (IOException | RuntimeException e) {
                // no archive from this run; the next run of its kind records again
            }
        }
        if (Boolean.getBoolean("s3pump.fastExit") && ProcessExit.class.getModule().isNativeAccessEnabled()) {
            try {
                MethodHandle exit = Linker.nativeLinker().downcallHandle(
                        Linker.nativeLinker().defaultLookup().find("_exit").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
                exit.invokeExact(status);
            } catch (Throwable t) {
                // no _exit here (not a POSIX C library): the JVM's own exit below
            }
        }
        System.exit(status);
    }
}
