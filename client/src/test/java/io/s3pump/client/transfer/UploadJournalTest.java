package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.transfer.FileIdentity;
import io.s3pump.client.internal.transfer.JournalStore;
import io.s3pump.client.internal.transfer.Md5Digest;
import io.s3pump.client.internal.transfer.Reconciliation;
import io.s3pump.client.internal.transfer.Reconciliation.ListedPart;
import io.s3pump.client.internal.transfer.UploadJournal;
import io.s3pump.client.internal.transfer.UploadJournal.FinishedPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadJournalTest {

    @TempDir Path tmp;

    private static final Md5Digest MD5_A = Md5Digest.ofHex("c84cabbaebee9a9631c8be234ac64c26");
    private static final Md5Digest MD5_B = Md5Digest.ofHex("e509465ef513154988e088d6ad3c21bf");

    private static UploadJournal journal() {
        FileIdentity file = new FileIdentity("/data/my file+ü.bin", 20 * MIB + 3, 1_764_000_000_123_456_789L, "(dev=803,ino=42)");
        return UploadJournal.start("bucket", "dir/key with space&<ü>%", "2~abc+def/=", file, 8 * MIB, 3)
                .with(new FinishedPart(2, 8 * MIB, "\"" + MD5_B.hex() + "\"", MD5_B))
                .with(new FinishedPart(1, 8 * MIB, MD5_A.hex(), null));
    }

    @Test
    void textFormRoundTripsEveryField() throws IOException {
        UploadJournal j = journal();
        UploadJournal back = UploadJournal.parse(j.format());
        assertThat(back).isEqualTo(j);
        assertThat(back.parts().get(2).etag()).as("quotes are stripped").isEqualTo(MD5_B.hex());
        assertThat(back.parts().get(1).md5()).isNull();
        assertThat(j.format()).startsWith("s3pump-upload-journal 1\n").endsWith("end\n");
    }

    @Test
    void aTruncatedJournalIsRejected() {
        String text = journal().format();
        assertThatThrownBy(() -> UploadJournal.parse(text.substring(0, text.length() - 20)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> UploadJournal.parse("hello\nend\n")).hasMessageContaining("not an s3pump");
    }

    @Test
    void storeWritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        JournalStore store = new JournalStore(tmp.resolve("state/journals"));
        UploadJournal j = journal();
        Path saved = store.save(j);
        store.save(j.with(new FinishedPart(3, 4 * MIB + 3, MD5_A.hex(), MD5_A)));
        assertThat(saved).isEqualTo(store.pathFor("bucket", j.key(), j.file().path()));
        assertThat(store.load(saved).orElseThrow().parts()).containsOnlyKeys(1, 2, 3);
        try (var files = Files.list(store.dir())) {
            assertThat(files.toList()).containsExactly(saved);
        }
        store.delete(saved);
        assertThat(store.load(saved)).isEmpty();
    }

    @Test
    void journalsDefaultToTheXdgStateDirectory() {
        String state = System.getenv("XDG_STATE_HOME");
        Path expected = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state, "s3pump", "journals")
                : Path.of(System.getProperty("user.home"), ".local", "state", "s3pump", "journals");
        assertThat(UploadOptions.defaults().journalDir()).isEqualTo(expected);
        assertThat(UploadOptions.builder().journalDir(tmp).build().journalDir()).isEqualTo(tmp);
    }

    @Test
    void journalNamesDependOnBucketKeyAndFile() {
        JournalStore store = new JournalStore(tmp);
        assertThat(store.pathFor("b", "k", "/f")).isNotEqualTo(store.pathFor("b", "k2", "/f"))
                .isNotEqualTo(store.pathFor("b", "k", "/g")).isNotEqualTo(store.pathFor("b2", "k", "/f"));
    }

    @Test
    void fileIdentityNoticesSizeAndMtimeChanges() throws IOException {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[10]);
        FileIdentity before = FileIdentity.of(f);
        assertThat(before.differences(FileIdentity.of(f))).isEmpty();
        Files.setLastModifiedTime(f, FileTime.fromMillis(before.mtimeNanos() / 1_000_000 + 5000));
        assertThat(before.differences(FileIdentity.of(f))).contains("modification time");
        Files.write(f, new byte[11]);
        assertThat(before.differences(FileIdentity.of(f))).contains("size 10 → 11");
        assertThat(before.fileKey()).as("Linux has dev+inode file keys").contains("ino");
    }

    @Test
    void reconciliationSkipsOnlyPartsWhoseSizeAndEtagAgree() {
        PartPlan plan = PartPlan.plan(20 * MIB + 3, PartSizing.partSize(8 * MIB), 10_000, 0);
        UploadJournal j = journal();
        Reconciliation r = Reconciliation.of(plan, j, List.of(
                new ListedPart(1, 8 * MIB, "\"" + MD5_A.hex() + "\""),   // journaled, same: skip
                new ListedPart(2, 8 * MIB, MD5_A.hex()),                  // journaled with another ETag: check bytes
                new ListedPart(3, 4 * MIB + 3, MD5_B.hex())));            // not journaled: check bytes
        assertThat(r.done()).containsOnlyKeys(1);
        assertThat(r.checkLocally()).containsOnlyKeys(2, 3);
        assertThat(r.upload()).isEmpty();
    }

    @Test
    void reconciliationUploadsMissingAndWrongSizedParts() {
        PartPlan plan = PartPlan.plan(20 * MIB + 3, PartSizing.partSize(8 * MIB), 10_000, 0);
        Reconciliation r = Reconciliation.of(plan, journal(), List.of(
                new ListedPart(1, 8 * MIB - 1, MD5_A.hex())));
        assertThat(r.done()).isEmpty();
        assertThat(r.upload()).containsExactly(1, 2, 3);
    }

    @Test
    void reconciliationRefusesAJournalOfAnotherPlan() {
        PartPlan plan = PartPlan.plan(20 * MIB + 3, PartSizing.partSize(5 * MIB), 10_000, 0);
        assertThatThrownBy(() -> Reconciliation.of(plan, journal(), List.of()))
                .hasMessageContaining("another part plan");
    }
}
