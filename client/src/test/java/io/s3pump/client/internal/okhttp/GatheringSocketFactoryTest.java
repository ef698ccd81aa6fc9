package io.s3pump.client.internal.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gathered plain-http sockets hold small writes only until a flush, keep every byte in order, and lose none. */
class GatheringSocketFactoryTest {
    private static final int GATHER = 64 * 1024;

    @Test
    void smallWritesWaitForAFlushAndEveryByteArrivesInOrder() throws Exception {
        byte[] big = new byte[3 * GATHER + 5];
        new Random(3).nextBytes(big);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new GatheringSocketFactory(GATHER).createSocket(server.getInetAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            OutputStream out = client.getOutputStream();
            assertThat(client.getOutputStream()).isSameAs(out);
            InputStream in = peer.getInputStream();
            peer.setSoTimeout(200);

            out.write(new byte[] {1, 2, 3});
            out.write(4);
            assertThatThrownBy(in::read).as("nothing leaves before a flush").isInstanceOf(SocketTimeoutException.class);
            out.flush();
            assertThat(in.readNBytes(4)).containsExactly(1, 2, 3, 4);

            // a write larger than the buffer goes out at once, after what was gathered before it
            out.write(new byte[] {9});
            out.write(big);
            byte[] got = in.readNBytes(1 + big.length);
            assertThat(got[0]).isEqualTo((byte) 9);
            assertThat(Arrays.equals(got, 1, got.length, big, 0, big.length)).isTrue();

            // writes that overflow the buffer drain it first: nothing is reordered or dropped
            byte[] slice = new byte[8192];
            byte[] expected = new byte[slice.length * 20];
            for (int i = 0; i < 20; i++) {
                Arrays.fill(slice, (byte) i);
                out.write(slice);
                System.arraycopy(slice, 0, expected, i * slice.length, slice.length);
            }
            out.flush();
            assertThat(Arrays.equals(in.readNBytes(expected.length), expected)).isTrue();
        }
    }

    @Test
    void aTimedOutReadLosesNothingAndAClosedPeerEndsTheStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new GatheringSocketFactory(GATHER).createSocket(server.getInetAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = peer.getOutputStream();
            out.write(new byte[] {10, 11, 12, 13, 14});
            out.flush();
            byte[] two = new byte[2];
            assertThat(in.read(two, 0, 2)).isEqualTo(2);
            assertThat(two).containsExactly(10, 11);

            client.setSoTimeout(1); // OkHttp's health check reads like this
            assertThat(in.readNBytes(3)).as("buffered bytes are served without touching the socket").containsExactly(12, 13, 14);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            client.setSoTimeout(2000);

            out.write(new byte[] {20, 21});
            out.flush();
            assertThat(in.readNBytes(2)).as("after a timeout").containsExactly(20, 21);
            peer.shutdownOutput();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(two, 0, 2)).isEqualTo(-1);
        }
    }
}
