package io.s3pump.client.internal.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose output is gathered into large writes.
 *
 * <p>Why: Okio hands a socket one 8 KiB segment per {@code write}, so a 1 GiB upload was 131,072 {@code write(2)}
 * calls, each with its own copy into a temporary direct buffer and, on loopback, its own trip through the
 * receiving TCP stack on the sender's CPU. Gathering the segments into {@value #DEFAULT_GATHER} bytes costs one
 * extra memory copy and cuts the system calls 32-fold. Nothing waits in the buffer: OkHttp flushes the sink
 * after the request headers it must send alone ({@code Expect: 100-continue}) and after every request, and a
 * flush empties this buffer. Only for {@code http}: TLS sockets write whole records already.
 */
final class GatheringSocketFactory extends SocketFactory {
    static final int DEFAULT_GATHER = 256 * 1024;

    private final int gather;

    GatheringSocketFactory(int gather) {
        this.gather = gather;
    }

    @Override
    public Socket createSocket() {
        return new GatheringSocket(gather);
    }

    // OkHttp only calls createSocket() and connects the socket itself; the others follow the contract anyway.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        if (local != null) s.bind(local);
        s.connect(remote);
        return s;
    }

    /** A socket whose output stream gathers small writes; used by one HTTP/1.1 exchange at a time. */
    static final class GatheringSocket extends Socket {
        private final int gather;
        private OutputStream out;
        private InputStream in;

        GatheringSocket(int gather) {
            this.gather = gather;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) in = new GatheringInputStream(super.getInputStream(), gather);
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) out = new GatheringOutputStream(super.getOutputStream(), gather);
            return out;
        }
    }

    /**
     * Copies writes into one buffer and sends it when full or on {@link #flush()}. Not thread-safe: an HTTP/1.1
     * connection carries one exchange at a time. A write at least as large as the buffer goes straight out.
     */
    static final class GatheringOutputStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer;
        private int count;

        GatheringOutputStream(OutputStream out, int size) {
            this.out = out;
            this.buffer = new byte[size];
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) drain();
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len >= buffer.length) {
                drain();
                out.write(b, off, len);
                return;
            }
            if (len > buffer.length - count) drain();
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void drain() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0; // a failed write leaves nothing behind: the connection is dead anyway
                out.write(buffer, 0, n);
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                out.close();
            }
        }
    }

    /**
     * Reads as much as the socket has (up to the buffer size) in one call and serves Okio's 8 KiB reads from it.
     * A read that asks for at least a whole buffer while nothing is buffered goes straight to the socket.
     * A timeout or failure leaves the buffer as it was, so OkHttp's 1 ms health-check read loses nothing.
     */
    static final class GatheringInputStream extends InputStream {
        private final InputStream in;
        private final byte[] buffer;
        private int pos;
        private int limit;

        GatheringInputStream(InputStream in, int size) {
            this.in = in;
            this.buffer = new byte[size];
        }

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) return -1;
            return buffer[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (pos == limit) {
                if (len >= buffer.length) return in.read(b, off, len);
                if (!fill()) return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) return false;
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public int available() throws IOException {
            return limit - pos + in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
