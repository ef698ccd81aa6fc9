package io.s3pump.client.internal.transfer;

import io.s3pump.client.transfer.PartPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resume decision, a pure function of the plan, the journal and what ListParts returned: which parts are done
 * (listed with the planned size and the journaled ETag), which are listed but unknown to the journal (their ETag
 * must be checked against the local bytes before they count), and which must be uploaded.
 *
 * @param done parts that can be skipped, by number
 * @param checkLocally listed parts of the right size whose ETag the journal does not know: hash locally, then
 *     skip if the MD5 equals the listed ETag, else upload
 * @param upload parts to upload, ascending
 */
public record Reconciliation(SortedMap<Integer, UploadJournal.FinishedPart> done,
                             SortedMap<Integer, ListedPart> checkLocally, List<Integer> upload) {

    public Reconciliation {
        done = Collections.unmodifiableSortedMap(new TreeMap<>(done));
        checkLocally = Collections.unmodifiableSortedMap(new TreeMap<>(checkLocally));
        upload = List.copyOf(upload);
    }

    /** A part as ListParts reports it. */
    public record ListedPart(int number, long size, String etag) {
        public ListedPart {
            Objects.requireNonNull(etag, "etag");
            etag = Etags.normalize(etag);
        }
    }

    /** Decides what a resumed upload still has to send. */
    public static Reconciliation of(PartPlan plan, UploadJournal journal, List<ListedPart> listed) {
        if (plan.partSize() != journal.partSize() || plan.partCount() != journal.partCount())
            throw new IllegalArgumentException("the journal was written for another part plan");
        Map<Integer, ListedPart> byNumber = new TreeMap<>();
        for (ListedPart p : listed) byNumber.put(p.number(), p);
        TreeMap<Integer, UploadJournal.FinishedPart> done = new TreeMap<>();
        TreeMap<Integer, ListedPart> check = new TreeMap<>();
        List<Integer> upload = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
            ListedPart onServer = byNumber.get(n);
            UploadJournal.FinishedPart journaled = journal.parts().get(n);
            if (onServer == null || onServer.size() != plan.length(n)) {
                upload.add(n);
            } else if (journaled != null && journaled.etag().equals(onServer.etag())
                    && journaled.size() == onServer.size()) {
                done.put(n, journaled);
            } else {
                // Listed but not journaled (the journal is written lazily), or journaled with another ETag
                // (a re-upload that the journal missed): only the local bytes can tell.
                check.put(n, onServer);
            }
        }
        return new Reconciliation(done, check, upload);
    }
}
