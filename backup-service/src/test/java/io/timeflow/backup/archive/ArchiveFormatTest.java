package io.timeflow.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The archive format on its own: what goes in comes out, and a wrong passphrase, any flipped byte,
 * any truncation, reordered or repeated chunks and trailing bytes are each refused with their reason
 * before the data could be used.
 */
class ArchiveFormatTest {

    static final int CHUNK = 4096;
    static final KeySource PASSPHRASE = KeySource.passphrase("correct horse battery staple".toCharArray(), 100_000);

    /** A binary COPY stream of {@code rows} rows of two fields (an int and a text). */
    static byte[] copyData(int rows, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(CopyBinaryRows.SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        Random random = new Random(seed);
        for (int i = 0; i < rows; i++) {
            out.writeShort(2);
            out.writeInt(4);
            out.writeInt(i);
            if (i % 7 == 0) {
                out.writeInt(-1);
            } else {
                byte[] text = ("row " + i + " " + Long.toHexString(random.nextLong())).getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    record Written(byte[] archive, Manifest manifest, byte[] dataKey) {
    }

    static Written write(KeySource keys, int rowsA, int rowsB) throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] a = copyData(rowsA, 1);
        byte[] b = copyData(rowsB, 2);
        byte[] dataKey = new byte[32];
        new Random(3).nextBytes(dataKey);
        List<Manifest.SchemaEntry> plan = List.of(
                new Manifest.SchemaEntry("staging", "1", List.of("0.1", "1"),
                        List.of(new Manifest.TableEntry("environment", List.of("id", "name"), -1, null)),
                        List.of(new Manifest.SequenceEntry("outbox_seq_seq", 42, true))),
                new Manifest.SchemaEntry("snapshot", "1", List.of("0.1", "1"),
                        List.of(new Manifest.TableEntry("target_environment", List.of("id", "name"), -1, null)), List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifest complete;
        try (ArchiveWriter w = ArchiveWriter.open(out, keys, id, "0.1.0", Instant.parse("2026-11-23T02:00:00Z"), 3, 0, CHUNK)) {
            Manifest head = w.head(new Manifest(1, id, "0.1.0", Instant.parse("2026-11-23T02:00:00Z"), null, null, plan),
                    dataKey, "fp");
            ArchiveWriter.TableSink t1 = w.table("staging", "environment");
            t1.write(a);
            String sha1 = t1.finish(rowsA);
            ArchiveWriter.TableSink t2 = w.table("snapshot", "target_environment");
            t2.write(b);
            String sha2 = t2.finish(rowsB);
            complete = new Manifest(1, id, "0.1.0", head.snapshotAt(), head.archiveKeyFingerprint(), head.dataKey(), List.of(
                    new Manifest.SchemaEntry("staging", "1", List.of("0.1", "1"),
                            List.of(plan.get(0).tables().get(0).withData(rowsA, sha1)), plan.get(0).sequences()),
                    new Manifest.SchemaEntry("snapshot", "1", List.of("0.1", "1"),
                            List.of(plan.get(1).tables().get(0).withData(rowsB, sha2)), List.of())));
            w.finish(complete);
        }
        return new Written(out.toByteArray(), complete, dataKey);
    }

    static ArchiveReader.Result read(byte[] archive, KeySource keys) throws Exception {
        return ArchiveReader.read(new ByteArrayInputStream(archive), keys, ArchiveReader.VERIFY);
    }

    @Test
    void whatIsWrittenReadsBackWithItsManifestCountsAndChecksums() throws Exception {
        Written w = write(PASSPHRASE, 5000, 300);
        List<byte[]> tables = new ArrayList<>();
        ArchiveReader.Result r = ArchiveReader.read(new ByteArrayInputStream(w.archive()), PASSPHRASE,
                (schema, declared, data) -> {
                    byte[] all = data.readAllBytes();
                    tables.add(all);
                    return CopyBinaryRows.count(new ByteArrayInputStream(all));
                });
        assertThat(r.manifest()).isEqualTo(w.manifest());
        assertThat(r.manifest().totalRows()).isEqualTo(5300);
        assertThat(tables.get(0)).isEqualTo(copyData(5000, 1));
        assertThat(tables.get(1)).isEqualTo(copyData(300, 2));
        assertThat(r.chunks()).isGreaterThan(1);
        assertThat(ArchiveReader.dataKey(r, PASSPHRASE)).isEqualTo(w.dataKey());
        assertThat(r.header().kdf().algorithm()).isEqualTo("PBKDF2-HMAC-SHA256");
        assertThat(r.header().kdf().iterations()).isEqualTo(100_000);
    }

    @Test
    void theArchiveRevealsNeitherDataNorKeyInClearText() throws Exception {
        Written w = write(PASSPHRASE, 2000, 10);
        String asText = new String(w.archive(), StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("row 1 ").doesNotContain("environment");
        assertThat(indexOf(w.archive(), w.dataKey())).isEqualTo(-1);
        assertThat(asText).startsWith("TFBACKUP");
    }

    @Test
    void anOperatorSuppliedKeyWorksAndAPassphraseCannotOpenItsArchive() throws Exception {
        byte[] raw = new byte[32];
        new Random(9).nextBytes(raw);
        Written w = write(KeySource.rawKey(raw), 100, 100);
        assertThat(read(w.archive(), KeySource.rawKey(raw)).manifest().totalRows()).isEqualTo(200);
        byte[] other = raw.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> read(w.archive(), KeySource.rawKey(other)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo("WRONG_PASSPHRASE"));
        assertThatThrownBy(() -> read(w.archive(), PASSPHRASE))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.reason()).isEqualTo(ArchiveException.Reason.WRONG_KEY));
    }

    @Test
    void aWrongPassphraseIsToldApartFromTampering() throws Exception {
        Written w = write(PASSPHRASE, 100, 10);
        assertThatThrownBy(() -> read(w.archive(), KeySource.passphrase("Correct horse battery staple".toCharArray(), 100_000)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ArchiveException.Reason.WRONG_KEY);
                    assertThat(e.getMessage()).doesNotContain("orse");
                });
    }

    @Test
    void aFlippedByteAnywhereIsRefused() throws Exception {
        Written w = write(PASSPHRASE, 3000, 500);
        int headerEnd = 13 + ByteBuffer.wrap(w.archive(), 9, 4).getInt();
        Random random = new Random(5);
        List<Integer> positions = new ArrayList<>(List.of(0, 8, 20, headerEnd - 2, headerEnd, headerEnd + 3,
                headerEnd + 4, headerEnd + 100, w.archive().length / 2, w.archive().length - 1));
        for (int i = 0; i < 25; i++) {
            positions.add(random.nextInt(w.archive().length));
        }
        for (int position : positions) {
            byte[] tampered = w.archive().clone();
            tampered[position] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> read(tampered, PASSPHRASE)).as("byte %d flipped", position)
                    .isInstanceOf(ArchiveException.class)
                    .satisfies(e -> assertThat(((ArchiveException) e).reason()).isNotNull());
        }
        // a flipped byte in a chunk's ciphertext is tampering, not a wrong key
        byte[] inData = w.archive().clone();
        inData[headerEnd + 100] ^= 4;
        assertThatThrownBy(() -> read(inData, PASSPHRASE))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo("ARCHIVE_TAMPERED"));
    }

    @Test
    void aTruncatedArchiveIsRefusedWhereverItIsCut() throws Exception {
        Written w = write(PASSPHRASE, 3000, 500);
        int headerEnd = 13 + ByteBuffer.wrap(w.archive(), 9, 4).getInt();
        List<Integer> cuts = new ArrayList<>(List.of(5, 12, headerEnd - 1, headerEnd, headerEnd + 2,
                headerEnd + 4 + CHUNK / 2, w.archive().length - 1, w.archive().length - 17));
        List<Integer> bounds = chunkBoundaries(w.archive(), headerEnd);
        cuts.addAll(bounds.subList(0, bounds.size() - 1)); // every boundary but the end: whole chunks, no final one
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(w.archive(), cut);
            assertThatThrownBy(() -> read(truncated, PASSPHRASE)).as("cut at %d of %d", cut, w.archive().length)
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.code()).isIn("ARCHIVE_TRUNCATED", "NOT_AN_ARCHIVE"));
        }
    }

    @Test
    void chunksReorderedRepeatedOrDroppedAndBytesAppendedAreRefused() throws Exception {
        Written w = write(PASSPHRASE, 3000, 500);
        int headerEnd = 13 + ByteBuffer.wrap(w.archive(), 9, 4).getInt();
        List<Integer> bounds = chunkBoundaries(w.archive(), headerEnd);
        assertThat(bounds).hasSizeGreaterThan(2);
        byte[] head = Arrays.copyOf(w.archive(), headerEnd);
        byte[] c0 = Arrays.copyOfRange(w.archive(), headerEnd, bounds.get(0));
        byte[] c1 = Arrays.copyOfRange(w.archive(), bounds.get(0), bounds.get(1));
        byte[] rest = Arrays.copyOfRange(w.archive(), bounds.get(1), w.archive().length);

        assertRefused(concat(head, c1, c0, rest), "ARCHIVE_TAMPERED");
        assertRefused(concat(head, c0, c0, c1, rest), "ARCHIVE_TAMPERED");
        assertRefused(concat(head, c1, rest), "ARCHIVE_TAMPERED");
        assertRefused(concat(w.archive(), new byte[] {0}), "ARCHIVE_TAMPERED");
        // the final chunk dropped: every remaining chunk is authentic, yet the archive is incomplete
        assertRefused(Arrays.copyOf(w.archive(), bounds.get(bounds.size() - 2)), "ARCHIVE_TRUNCATED");
    }

    @Test
    void anArchiveThatWasNotFinishedNeverReadsAsWhole() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String id = UUID.randomUUID().toString();
        try (ArchiveWriter w = ArchiveWriter.open(out, PASSPHRASE, id, "0.1.0", Instant.now(), 1, 0, CHUNK)) {
            w.head(new Manifest(1, id, "0.1.0", Instant.now(), null, null, List.of(new Manifest.SchemaEntry("staging", "1",
                    List.of("1"), List.of(new Manifest.TableEntry("t", List.of("a"), -1, null)), List.of()))), null, null);
            w.table("staging", "t").write(copyData(2000, 4));
            // the process dies here: close without finish
        }
        assertRefused(out.toByteArray(), "ARCHIVE_TRUNCATED");
    }

    @Test
    void somethingElseIsNotAnArchive() {
        assertRefused("PK\u0003\u0004 a zip file, not a backup".getBytes(StandardCharsets.ISO_8859_1), "NOT_AN_ARCHIVE");
    }

    @Test
    void rowsOfABinaryCopyStreamAreCountedAndAMalformedOneRefused() throws Exception {
        assertThat(CopyBinaryRows.count(new ByteArrayInputStream(copyData(0, 1)))).isZero();
        assertThat(CopyBinaryRows.count(new ByteArrayInputStream(copyData(1234, 1)))).isEqualTo(1234);
        byte[] cut = Arrays.copyOf(copyData(10, 1), 60);
        assertThatThrownBy(() -> CopyBinaryRows.count(new ByteArrayInputStream(cut))).isInstanceOf(ArchiveException.class);
    }

    @Test
    void thePassphraseNeverAppearsInTheHeader() throws Exception {
        Written w = write(PASSPHRASE, 1, 1);
        ArchiveHeader header = ArchiveReader.header(new ByteArrayInputStream(w.archive()));
        assertThat(header.backupId()).isEqualTo(w.manifest().backupId());
        assertThat(new String(w.archive(), StandardCharsets.ISO_8859_1)).doesNotContain("horse");
    }

    private static void assertRefused(byte[] archive, String code) {
        assertThatThrownBy(() -> read(archive, PASSPHRASE))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Offsets just after each chunk (the last one is the end of the archive). */
    static List<Integer> chunkBoundaries(byte[] archive, int headerEnd) {
        List<Integer> bounds = new ArrayList<>();
        int pos = headerEnd;
        while (pos + 4 <= archive.length) {
            int length = ByteBuffer.wrap(archive, pos, 4).getInt() & 0x7fff_ffff;
            pos += 4 + length;
            bounds.add(pos);
        }
        return bounds;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }


    @Test
    void theWholeKeyRingTravelsWrappedByTheArchiveKeyAndAnOlderArchivesOneKeyReadsAsItsInstallationKey() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] active = new byte[32];
        byte[] restored = new byte[32];
        byte[] digestOnly = new byte[32];
        new Random(7).nextBytes(active);
        new Random(8).nextBytes(restored);
        new Random(9).nextBytes(digestOnly);
        List<RingMaterial> ring = List.of(
                new RingMaterial("aaaaaaaaaaaaaaaa", RingMaterial.DATA_KEY, "ACTIVE", true, active),
                new RingMaterial("bbbbbbbbbbbbbbbb", RingMaterial.DATA_KEY, "RETAINED", false, restored),
                new RingMaterial("cccccccccccccccc", RingMaterial.DIGEST_KEY, "DIGEST_ONLY", false, digestOnly));
        byte[] data = copyData(10, 4);
        List<Manifest.SchemaEntry> plan = List.of(new Manifest.SchemaEntry("staging", "1", List.of("1"),
                List.of(new Manifest.TableEntry("t", List.of("id", "name"), -1, null)), List.of(), 8192L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter w = ArchiveWriter.open(out, PASSPHRASE, id, "0.1.0", Instant.now(), 1, 0, CHUNK)) {
            Manifest head = w.headWithRing(new Manifest(1, id, "0.1.0", Instant.now(), null, null, plan), ring,
                    "aaaaaaaaaaaaaaaa");
            ArchiveWriter.TableSink t = w.table("staging", "t");
            t.write(data);
            String sha = t.finish(10);
            w.finish(new Manifest(1, id, "0.1.0", head.snapshotAt(), head.archiveKeyFingerprint(), head.dataKey(),
                    List.of(plan.get(0).withTables(List.of(plan.get(0).tables().get(0).withData(10, sha, data.length)))),
                    head.dataKeys()));
        }
        byte[] archive = out.toByteArray();
        String clear = new String(archive, StandardCharsets.ISO_8859_1);
        assertThat(clear).doesNotContain("bbbbbbbbbbbbbbbb");
        ArchiveReader.Result r = read(archive, PASSPHRASE);
        assertThat(ArchiveReader.ring(r, PASSPHRASE)).containsExactlyElementsOf(ring);
        assertThat(r.manifest().dataKey().fingerprint()).isEqualTo("aaaaaaaaaaaaaaaa");
        assertThat(ArchiveReader.dataKey(r, PASSPHRASE)).isEqualTo(active);
        assertThat(r.manifest().dataBytes()).isEqualTo(data.length);
        assertThat(r.manifest().sizeBytes()).isEqualTo(8192L);

        Written older = write(PASSPHRASE, 20, 20);
        List<RingMaterial> one = ArchiveReader.ring(read(older.archive(), PASSPHRASE), PASSPHRASE);
        assertThat(one).singleElement().satisfies(k -> {
            assertThat(k.installation()).isTrue();
            assertThat(k.dataKey()).isTrue();
            assertThat(k.material()).isEqualTo(older.dataKey());
        });
        assertThat(read(older.archive(), PASSPHRASE).manifest().dataBytes()).as("not recorded by earlier versions").isNull();
    }

    @Test
    void anArchiveRewrittenUnderAnotherKeyHoldsTheSameDataAndKeysAndOpensOnlyWithTheNewKey() throws Exception {
        Written w = write(PASSPHRASE, 3000, 40);
        KeySource other = KeySource.rawKey(new byte[32]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveRekeyer rekeyer = new ArchiveRekeyer(out, other, 1, 0);
        ArchiveReader.Result source = ArchiveReader.read(new ByteArrayInputStream(w.archive()), PASSPHRASE, rekeyer);
        Manifest stored = rekeyer.finish(source.manifest());
        byte[] rewritten = out.toByteArray();

        assertThatThrownBy(() -> read(rewritten, PASSPHRASE)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo("WRONG_PASSPHRASE"));
        List<byte[]> tables = new ArrayList<>();
        ArchiveReader.Result r = ArchiveReader.read(new ByteArrayInputStream(rewritten), other, (schema, declared, data) -> {
            byte[] all = data.readAllBytes();
            tables.add(all);
            return CopyBinaryRows.count(new ByteArrayInputStream(all));
        });
        assertThat(r.header().backupId()).isEqualTo(source.header().backupId());
        assertThat(r.manifest().schemas().get(0).tables().get(0).sha256())
                .isEqualTo(w.manifest().schemas().get(0).tables().get(0).sha256());
        assertThat(tables.get(0)).isEqualTo(copyData(3000, 1));
        assertThat(stored.dataBytes()).isEqualTo((long) copyData(3000, 1).length + copyData(40, 2).length);
        assertThat(ArchiveReader.ring(r, other)).singleElement()
                .satisfies(k -> assertThat(k.material()).isEqualTo(w.dataKey()));
        // one given passphrase and the installation's key: the one that opens the archive is used
        assertThat(read(rewritten, KeySource.anyOf(List.of(PASSPHRASE, other))).manifest().backupId())
                .isEqualTo(w.manifest().backupId());
    }
}
