package io.s3pump.client.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.InitiateMultipartUploadResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies RGW writes with character references XML 1.0 forbids are read; others are read as XML 1.0. */
class S3XmlTest {
    private static InitiateMultipartUploadResult read(String xml) throws Exception {
        return S3Xml.read(xml.getBytes(StandardCharsets.UTF_8), InitiateMultipartUploadResult.class);
    }

    @Test
    void aControlCharacterReferenceAsRgwWritesItIsRead() throws Exception {
        // Captured from RGW 16.2: CreateMultipartUpload of key "ctl\u0001/k.bin" echoes it this way.
        InitiateMultipartUploadResult r = read("<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>lmuprobe</Bucket><Key>ctl&#x01;/k.bin</Key>"
                + "<UploadId>2~EWYsT9tpOKHNQwrC4m8nVNcwywiURG1</UploadId></InitiateMultipartUploadResult>");
        assertThat(r.key()).isEqualTo("ctl\u0001/k.bin");
        assertThat(read("<InitiateMultipartUploadResult><Key>a&#31;b&#0000002;</Key></InitiateMultipartUploadResult>")
                .key()).isEqualTo("a\u001fb\u0002");
    }

    @Test
    void aBodyWithoutControlReferencesStaysXml10SoLineSeparatorsSurvive() throws Exception {
        // XML 1.1 would read U+2028 and U+0085 as line feeds; a body that needs no 1.1 is not read as 1.1.
        assertThat(read("<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult>"
                + "<Key>a\u2028b\u0085c&#x09;&#127;</Key></InitiateMultipartUploadResult>").key())
                .isEqualTo("a\u2028b\u0085c\t\u007f");
        byte[] plain = "<X>&#x0A;&#x7f;&#200;</X>".getBytes(StandardCharsets.UTF_8);
        assertThat(S3Xml.allowControlCharacterReferences(plain)).isSameAs(plain);
    }
}
