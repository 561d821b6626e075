package io.timeflow.backup.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Reads an archive in one pass, authenticating every chunk before its bytes are used and checking
 * each table's data against its count and checksum, and both manifests against each other. A
 * {@link Visitor} receives each table's data as a stream (to count it, or to load it); nothing in
 * the archive is trusted until {@link #read} returns normally.
 */
public final class ArchiveReader {

    /** What a caller does with the archive's content while it is read. */
    public interface Visitor {
        /** The manifest as written at the start, before any data. Throw to stop (e.g. a version refused). */
        default void head(ArchiveHeader header, Manifest head) {
        }

        /** As {@link #head(ArchiveHeader, Manifest)}, with the archive key that opened it (to unwrap its key ring). */
        default void head(ArchiveHeader header, Manifest head, ArchiveKey key) {
            head(header, head);
        }

        /**
         * One table's data, a binary COPY stream; return the rows consumed. Data left unread is
         * read and checked by the reader.
         */
        long table(String schema, Manifest.TableEntry declared, InputStream data) throws Exception;
    }

    /** A visitor that counts rows without loading anything: verification. */
    public static final Visitor VERIFY = (schema, declared, data) -> CopyBinaryRows.count(data);

    /** An archive that was read to its end and checked. */
    public record Result(ArchiveHeader header, Manifest manifest, long chunks, long compressedBytes) {
    }

    private ArchiveReader() {
    }

    /** Reads only the clear-text header (no key needed): identity, version, KDF parameters. */
    public static ArchiveHeader header(InputStream in) throws IOException {
        return readHeader(new DataInputStream(in)).header;
    }

    private record RawHeader(ArchiveHeader header, byte[] bytes) {
    }

    private static RawHeader readHeader(DataInputStream in) throws IOException {
        byte[] magic = new byte[ArchiveFormat.MAGIC.length];
        int version;
        int length;
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, ArchiveFormat.MAGIC)) {
                throw new ArchiveException(ArchiveException.Reason.NOT_AN_ARCHIVE, "this is not a Timeflow backup archive");
            }
            version = in.readUnsignedByte();
            length = in.readInt();
        } catch (EOFException e) {
            throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive ends inside its header");
        }
        if (version != ArchiveFormat.VERSION) {
            throw new ArchiveException(ArchiveException.Reason.NOT_AN_ARCHIVE,
                    "archive format version " + version + " is not supported (this version reads " + ArchiveFormat.VERSION + ")");
        }
        if (length <= 0 || length > ArchiveFormat.MAX_HEADER_BYTES) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive header has an impossible length");
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive ends inside its header");
        }
        ArchiveHeader header = ArchiveJson.read(bytes, ArchiveHeader.class, "header");
        if (header.formatVersion() != version || header.chunkBytes() <= 0
                || header.chunkBytes() > ArchiveFormat.MAX_CHUNK_BYTES || header.archiveSalt() == null) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive header is not consistent");
        }
        return new RawHeader(header, bytes);
    }

    /**
     * Reads and checks the whole archive, handing each table's data to {@code visitor}.
     *
     * @return the header and the complete manifest
     * @throws ArchiveException when the key is wrong or the archive is tampered with or truncated
     */
    public static Result read(InputStream source, KeySource keys, Visitor visitor) throws Exception {
        CountingInputStream counted = new CountingInputStream(source);
        DataInputStream in = new DataInputStream(new BufferedInputStream(counted, 1 << 16));
        RawHeader raw = readHeader(in);
        ArchiveHeader header = raw.header;
        ArchiveKey key = keys.forReading(header);
        if (!key.matches(header.keyFingerprint())) {
            throw new ArchiveException(ArchiveException.Reason.WRONG_KEY,
                    "the passphrase or key does not open this archive (it was made with key " + header.keyFingerprint()
                            + ", this one is " + key.fingerprint() + ")");
        }
        byte[] archiveSalt = Base64.getDecoder().decode(header.archiveSalt());
        ChunkDecryptingInputStream chunks = new ChunkDecryptingInputStream(in, key.chunkKey(archiveSalt),
                ArchiveWriter.sha256(raw.bytes), header.chunkBytes());
        Manifest manifest;
        try (ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(chunks)) {
            Records records = new Records(new DataInputStream(new BufferedInputStream(zstd, 1 << 16)));
            manifest = readContent(records, header, key, visitor);
            if (records.in.read() != -1) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive has data after its manifest");
            }
        } catch (IOException e) {
            if (e.getCause() instanceof ArchiveException ae) {
                throw ae;
            }
            // zstd reports a stream cut short or altered as an I/O error: the chunks were authentic, so it is a
            // well-formed archive of broken content, which only a writer with the key can make
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive's content is not readable", e);
        }
        if (!chunks.complete()) {
            throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive ends before its final chunk");
        }
        return new Result(header, manifest, chunks.chunks(), counted.count);
    }

    /** Unwraps the suite's data-encryption key the archive carries (null when it carries none). */
    public static byte[] dataKey(Result result, KeySource keys) {
        Manifest.DataKey wrapped = result.manifest().dataKey();
        if (wrapped == null) {
            return null;
        }
        ArchiveKey key = keys.forReading(result.header());
        return unwrap(key, result.header(), wrapped.wrapped(), "timeflow-backup data key " + result.header().backupId());
    }

    /**
     * Unwraps the suite's key ring the archive carries: every key of it, or for an archive of a version
     * with a single key, that key (the installation key). Empty when the archive carries no key.
     */
    public static java.util.List<RingMaterial> ring(Result result, KeySource keys) {
        return ring(result.header(), result.manifest(), keys.forReading(result.header()));
    }

    /** As {@link #ring(Result, KeySource)}, with the archive key already derived. */
    public static java.util.List<RingMaterial> ring(ArchiveHeader header, Manifest manifest, ArchiveKey key) {
        if (manifest.dataKeys() != null) {
            return manifest.dataKeys().stream().map(k -> new RingMaterial(k.keyId(), k.kind(), k.state(), k.installation(),
                    unwrap(key, header, k.wrapped(), ArchiveWriter.ringAad(header.backupId(), k.keyId(), k.kind()))))
                    .toList();
        }
        if (manifest.dataKey() == null) {
            return java.util.List.of();
        }
        byte[] only = unwrap(key, header, manifest.dataKey().wrapped(), "timeflow-backup data key " + header.backupId());
        return java.util.List.of(new RingMaterial(manifest.dataKey().fingerprint(), RingMaterial.DATA_KEY, "ACTIVE", true, only));
    }

    private static byte[] unwrap(ArchiveKey key, ArchiveHeader header, String wrapped, String aad) {
        byte[] all = Base64.getDecoder().decode(wrapped);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.wrapKey(Base64.getDecoder().decode(header.archiveSalt())),
                    new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (AEADBadTagException e) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "a wrapped data key failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Manifest readContent(Records records, ArchiveHeader header, ArchiveKey key, Visitor visitor)
            throws Exception {
        Record first = records.next();
        if (first.tag != ArchiveFormat.HEAD) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive does not start with its manifest");
        }
        Manifest head = ArchiveJson.read(first.body, Manifest.class, "manifest");
        if (!Objects.equals(head.backupId(), header.backupId()) || head.schemas() == null) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the manifest does not belong to this archive");
        }
        visitor.head(header, head, key);
        Iterator<Expected> expected = head.schemas().stream()
                .flatMap(s -> s.tables().stream().map(t -> new Expected(s.name(), t))).iterator();
        List<Expected> seen = new java.util.ArrayList<>();
        while (true) {
            Record r = records.next();
            if (r.tag == ArchiveFormat.MANIFEST) {
                if (expected.hasNext()) {
                    throw new ArchiveException(ArchiveException.Reason.TAMPERED,
                            "the archive ends before the data of table " + expected.next().name());
                }
                Manifest complete = ArchiveJson.read(r.body, Manifest.class, "manifest");
                checkAgainst(head, complete, seen);
                return complete;
            }
            if (r.tag != ArchiveFormat.TABLE_BEGIN || !expected.hasNext()) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive's records are out of order");
            }
            Expected next = expected.next();
            ArchiveWriter.TableMark begin = ArchiveJson.read(r.body, ArchiveWriter.TableMark.class, "table marker");
            if (!next.schema.equals(begin.schema()) || !next.table.name().equals(begin.table())) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED,
                        "the archive holds " + begin.schema() + "." + begin.table() + " where the manifest says " + next.name());
            }
            TableData data = new TableData(records);
            long rows = visitor.table(next.schema, next.table, data);
            data.drain();
            ArchiveWriter.TableMark end = data.end;
            String sha = HexFormat.of().formatHex(data.sha.digest());
            if (!sha.equals(end.sha256())) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the data of " + next.name() + " fails its checksum");
            }
            if (rows != end.rows()) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED,
                        "the data of " + next.name() + " holds " + rows + " rows where the archive says " + end.rows());
            }
            seen.add(new Expected(next.schema, next.table.withData(end.rows(), sha, data.bytes)));
        }
    }

    private static void checkAgainst(Manifest head, Manifest complete, List<Expected> seen) {
        if (!Objects.equals(head.backupId(), complete.backupId()) || !Objects.equals(head.appVersion(), complete.appVersion())
                || complete.schemas() == null || complete.schemas().size() != head.schemas().size()) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the closing manifest differs from the opening one");
        }
        // archives of earlier versions do not record each table's bytes: those are not compared
        List<Expected> declared = complete.schemas().stream()
                .flatMap(s -> s.tables().stream().map(t -> new Expected(s.name(), t))).toList();
        List<Expected> found = new java.util.ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            Expected e = seen.get(i);
            boolean recorded = i < declared.size() && declared.get(i).table.bytes() != null;
            found.add(recorded ? e : new Expected(e.schema, new Manifest.TableEntry(e.table.name(), e.table.columns(),
                    e.table.rows(), e.table.sha256())));
        }
        if (!declared.equals(found)) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED,
                    "the closing manifest's counts or checksums differ from the data");
        }
    }

    private record Expected(String schema, Manifest.TableEntry table) {
        String name() {
            return schema + "." + table.name();
        }
    }

    private record Record(byte tag, byte[] body) {
    }

    /** The record layer: tag, length, body. */
    private static final class Records {
        final DataInputStream in;

        Records(DataInputStream in) {
            this.in = in;
        }

        /** Reads a record's tag and length; the body is read by the caller for data records. */
        int[] nextHeader() throws IOException {
            int tag;
            int length;
            try {
                tag = in.readUnsignedByte();
                length = in.readInt();
            } catch (EOFException e) {
                throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive's content ends early");
            }
            if (length < 0 || length > ArchiveFormat.MAX_RECORD_BYTES) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "a record of the archive has an impossible length");
            }
            return new int[] {tag, length};
        }

        Record next() throws IOException {
            int[] h = nextHeader();
            return new Record((byte) h[0], body(h[1]));
        }

        byte[] body(int length) throws IOException {
            byte[] body = new byte[length];
            try {
                in.readFully(body);
            } catch (EOFException e) {
                throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive's content ends early");
            }
            return body;
        }
    }

    /** One table's data records as a stream; ends at the table's end marker. */
    private static final class TableData extends InputStream {
        private final Records records;
        private final MessageDigest sha = ArchiveWriter.digest();
        private int remaining;
        private long bytes;
        private ArchiveWriter.TableMark end;

        TableData(Records records) {
            this.records = records;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (end != null) {
                    return -1;
                }
                int[] h = records.nextHeader();
                if (h[0] == ArchiveFormat.TABLE_DATA) {
                    remaining = h[1];
                } else if (h[0] == ArchiveFormat.TABLE_END) {
                    end = ArchiveJson.read(records.body(h[1]), ArchiveWriter.TableMark.class, "table marker");
                    return -1;
                } else {
                    throw new ArchiveException(ArchiveException.Reason.TAMPERED, "a table's data is interrupted by another record");
                }
            }
            int n = records.in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive's content ends early");
            }
            sha.update(b, off, n);
            bytes += n;
            remaining -= n;
            return n;
        }

        void drain() throws IOException {
            byte[] skip = new byte[1 << 16];
            while (read(skip, 0, skip.length) >= 0) {
                // read to the end marker, checksumming
            }
        }

        @Override
        public void close() {
            // the archive stream stays open
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

}
