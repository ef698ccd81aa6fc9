package io.s3pump.client.internal.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answer heads parse strictly: what S3 sends is read exactly, anything malformed is refused. */
class ResponseHeadTest {

    @Test
    void aStatusLineAndHeadersAreReadWithValuesTrimmedAndNamesMatchedWithoutCase() throws Exception {
        ResponseHead h = ResponseHead.parse("HTTP/1.1 200 OK",
                List.of("ETag: \"abc\"", "x-amz-request-id:tx1 ", "Content-Length: 0"));
        assertThat(h.code()).isEqualTo(200);
        assertThat(h.reason()).isEqualTo("OK");
        assertThat(h.header("etag")).isEqualTo("\"abc\"");
        assertThat(h.header("X-Amz-Request-Id")).isEqualTo("tx1");
        assertThat(h.contentLength()).isZero();
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.header("missing")).isNull();
    }

    @Test
    void aReasonPhraseMayBeMissingOrHoldSpaces() throws Exception {
        assertThat(ResponseHead.parse("HTTP/1.1 503", List.of()).reason()).isEmpty();
        assertThat(ResponseHead.parse("HTTP/1.1 503 Slow Down", List.of()).reason()).isEqualTo("Slow Down");
    }

    @Test
    void connectionCloseAndHttp10EndKeepAlive() throws Exception {
        assertThat(ResponseHead.parse("HTTP/1.1 200 OK", List.of("Connection: close")).keepAlive()).isFalse();
        assertThat(ResponseHead.parse("HTTP/1.0 200 OK", List.of()).keepAlive()).isFalse();
        assertThat(ResponseHead.parse("HTTP/1.0 200 OK", List.of("Connection: Keep-Alive")).keepAlive()).isTrue();
    }

    @Test
    void chunkedTransferEncodingIsRecognised() throws Exception {
        ResponseHead h = ResponseHead.parse("HTTP/1.1 200 OK", List.of("Transfer-Encoding: chunked"));
        assertThat(h.isChunked()).isTrue();
        assertThat(h.contentLength()).isEqualTo(-1);
    }

    @Test
    void malformedHeadsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/2 200 OK", List.of()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 2x0 OK", List.of()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("status code");
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 200 OK", List.of(" folded: line")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed header");
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 200 OK", List.of("no colon")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 200 OK", List.of("Content-Length: -1")).contentLength())
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 200 OK", List.of("Content-Length: 12x")).contentLength())
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void controlCharactersInARefusedLineAreNotEchoed() {
        assertThatThrownBy(() -> ResponseHead.parse("HTTP/1.1 200 OK", List.of("\u0007bell")))
                .hasMessageNotContaining("\u0007");
    }

    @Test
    void aCloseInAnyConnectionFieldEndsTheConnectionWhateverFollows() throws Exception {
        ResponseHead head = ResponseHead.parse("HTTP/1.1 200 OK", List.of("Connection: close", "Connection: keep-alive"));
        assertThat(head.keepAlive()).isFalse();
        assertThat(ResponseHead.parse("HTTP/1.0 200 OK", List.of("Connection: keep-alive")).keepAlive()).isTrue();
        assertThat(ResponseHead.parse("HTTP/1.1 200 OK", List.of()).keepAlive()).isTrue();
    }
}
