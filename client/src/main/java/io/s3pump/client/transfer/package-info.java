/**
 * The transfer engine: multipart uploads from memory-mapped files on virtual threads, parallel ranged
 * downloads, verification and resume.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.s3pump.client.transfer.Uploader#upload(java.nio.file.Path, String, String, UploadOptions)}: a file,
 *       single PutObject below {@link io.s3pump.client.transfer.UploadOptions#singlePutThreshold()}, else a multipart
 *       upload planned by {@link io.s3pump.client.transfer.PartPlan};</li>
 *   <li>{@link io.s3pump.client.transfer.Uploader#upload(java.io.InputStream, String, String, UploadOptions)}: a
 *       stream of unknown length, planned by {@link io.s3pump.client.transfer.StreamingPartPlan};</li>
 *   <li>{@link io.s3pump.client.transfer.Downloader#download(String, String, java.nio.file.Path, DownloadOptions)}.</li>
 * </ul>
 * Results are {@link io.s3pump.client.transfer.UploadResult} and {@link io.s3pump.client.transfer.DownloadResult},
 * each with a {@link io.s3pump.client.transfer.Verification}; a mismatch is a
 * {@link io.s3pump.client.transfer.VerificationException}, never a success. Progress arrives through a
 * {@link io.s3pump.client.transfer.TransferListener}.
 *
 * <h2>How an upload runs</h2>
 * One virtual thread per part, with a {@link java.util.concurrent.Semaphore} bounding the parts in flight. Each
 * part is mapped with {@code FileChannel.map(READ_ONLY, offset, size, arena)} in a confined arena owned by its
 * thread, handed to the client as a {@code MemorySegment} body (re-sent from the mapping on a retry) and unmapped
 * as soon as the part is acknowledged or has failed for good. Each part's MD5 is computed at most once: by the
 * client for Content-MD5, or here when verification needs it
 * ({@link io.s3pump.client.transfer.UploadOptions.LocalMd5}); with the client's default signed SHA-256 payload
 * the server verifies every byte, and the object's ETag is checked against the part ETags it returned. After
 * CompleteMultipartUpload, HEAD gives the ETag (RGW 16.2 answers an empty ETag to the first Complete) and the size.
 * A part that fails for good aborts the upload (failures of other parts and of the abort are suppressed
 * exceptions), unless {@code keepResumable}; a file whose size, modification time or inode changes aborts it too.
 * A timeout is such a failure, not an interrupt. If the abort fails as well, the journal is kept so that the upload
 * can still be found. CreateMultipartUpload and Complete (with the HEAD that checks it) run to the end even when
 * the calling thread is interrupted, on a thread of their own: an answer lost to an interrupt would leave an upload
 * no one knows of. A Create that had to be retried after a lost answer aborts the upload that attempt may have
 * made (one of the same key started within that attempt's time window); a Complete whose every answer was lost
 * counts as done only if the upload is gone and the object is exactly the parts sent.
 *
 * <h2>Resume</h2>
 * A journal (upload id, bucket, key, file path + size + mtime + inode, part size, finished parts with ETag and MD5)
 * lives in {@code $XDG_STATE_HOME/s3pump/journals} (default {@code ~/.local/state/s3pump/journals}), written to a
 * temporary file and moved into place with {@code ATOMIC_MOVE}, at most every 200 ms. A rerun of the same upload
 * reconciles it with ListParts: a part is skipped only if its listed size matches the plan and its ETag matches
 * the journal or, for parts the journal missed (for example after {@code kill -9}), the MD5 of the local bytes.
 * Interrupting the calling thread (SIGINT) keeps the journal and throws
 * {@link io.s3pump.client.transfer.ResumableUploadException}.
 *
 * <h2>How a download runs</h2>
 * HEAD first, then ranged GETs with {@code If-Match} on virtual threads, written with positional writes into a
 * preallocated temporary file next to the target, and renamed onto it with {@code ATOMIC_MOVE} only after
 * verification. RGW ignores part-number GETs, so for a {@code <md5>-N} ETag the ranges follow a part size that
 * reproduces N parts (a hint, s3pump's own plan, then common clients' sizes) and each range's MD5 is computed as it
 * streams. If the recomputed ETag differs, the object is read a second time (unless the part size was only the
 * smallest that fits, which most likely is not the uploader's): a second read that matches means the first was
 * damaged in transit, one that differs fails the download; when both agree only the size counts as verified and the
 * result says so, unless the layout was certain (a hint, or one part), which is a failure. A range that breaks
 * mid-body, or stalls past the read timeout, resumes from its last written byte. Memory is
 * concurrency × buffer (8 × 256 KiB by default). {@link io.s3pump.client.transfer.Downloader#download(String,
 * String, java.nio.channels.WritableByteChannel, io.s3pump.client.transfer.DownloadOptions)} streams an object in
 * order instead (standard output), hashing as the bytes pass.
 * <p>Before the first GET the temporary file's blocks are reserved with {@code fallocate(2)} (Linux, through FFM,
 * when native access is enabled for this module), so a disk that cannot hold the object fails at once with
 * "not enough space for N bytes in DIR"; elsewhere the file is sparse. As ranges finish, their MD5s are recorded
 * in a state file beside the temporary file (at most one durable write per half second; the data is not forced,
 * the state names the boot instead), so a download killed outright resumes with
 * {@link io.s3pump.client.transfer.DownloadOptions#keepPartial()}: a recorded range is kept if its bytes still give
 * its MD5, and one without an MD5 only in the boot that wrote it. Journals and state files are replaced by
 * writing a temporary file, fsyncing it, renaming it and fsyncing the directory. With
 * {@link io.s3pump.client.transfer.DownloadOptions#verifyEtag()} off, no MD5 is computed and only the size is
 * checked.
 *
 * <h2>Measured</h2>
 * 1 GiB of random data, 8 MiB × 8, local RGW 16.2 (bluestore), whole process as {@code ./s3pump cp} runs, in the
 * same run as boto3, the AWS CLI and both SDK v2 Transfer Managers (tables and method in {@code bench/README.md},
 * the breakdown by thread in {@code client/PERFORMANCE.md}): upload with the default signed SHA-256 payload 2.24
 * CPU-s/GiB, {@code UNSIGNED-PAYLOAD} without hashing 1.29, {@code Content-MD5} 2.97; download with the MD5 of every
 * range 2.75, size only 1.64. Peak RSS 86–92 MiB from 1 GiB to 4 GiB, up and down: each part's mapped pages are
 * released window by window as they are hashed and sent, and unmapped when the part is done.
 * <p>No virtual thread pins a carrier in steady state. JFR ({@code jdk.VirtualThreadPinned}, threshold 0) over a
 * 1 GiB upload: 19 events, all while the first eight parts start together (class loading and initialisation
 * another part's thread is doing: the NIO poller, socket options, the FFM segment factories), the longest 17 ms;
 * over a 1 GiB download: one (the poller's initialisation, 23 ms).
 * <h3>Part sizes, measured before the work in PERFORMANCE.md (default JVM flags: G1, ¼ of RAM as heap, full JIT; load average 11–15)</h3>
 * 1 GiB of random data, whole JVM process ({@code /usr/bin/time}), JVM start-up alone 1.0 CPU-s / 103 MB RSS:
 * <table>
 *   <caption>Upload, signed SHA-256 payload, 8 parts in flight</caption>
 *   <tr><th>part size</th><th>MiB/s (3 rounds)</th><th>CPU-s</th><th>peak RSS (default heap)</th>
 *       <th>peak RSS ({@code -Xmx64m -XX:+UseSerialGC})</th></tr>
 *   <tr><td>5 MiB</td><td>120, 126, 138</td><td>3.9</td><td>364–455 MB</td><td></td></tr>
 *   <tr><td>8 MiB</td><td>88, 78, 110</td><td>3.7–4.2</td><td>389 MB</td><td>179–194 MB</td></tr>
 *   <tr><td>16 MiB</td><td>202, 98, 150</td><td>3.4–3.6</td><td>454–537 MB</td><td>272 MB</td></tr>
 *   <tr><td>32 MiB</td><td>165, 129, 228</td><td>3.4–3.7</td><td>672–881 MB</td><td></td></tr>
 * </table>
 * RSS stays flat with the object size: with {@code -Xmx64m -XX:+UseSerialGC}, 8 MiB × 8, a 1 GiB file peaked at
 * 193 MB and a 4 GiB file at 210 MB (sparse files; each part's mapping is closed as soon as the part is done).
 * Most of the RSS above the 64 MiB of mapped parts in flight is Java heap: the client's body writes allocate
 * Okio segments, so the default heap sizing (G1, ¼ of RAM) lets RSS grow to ~390 MB.
 * Download of the same object, 8 ranges in flight: 100–112 MiB/s, 5.0–5.3 CPU-s (MD5 of every range included),
 * 103 MB RSS.
 */
package io.s3pump.client.transfer;
