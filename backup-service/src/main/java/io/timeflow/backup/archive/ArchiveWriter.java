package io.timeflow.backup.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Writes an archive as a stream, in one pass and in bounded memory: header, head manifest, each
 * table's data (counted and checksummed as it passes), closing manifest. Data flows
 * records → zstd → AES-256-GCM chunks → the given output; nothing is buffered beyond one chunk.
 *
 * <pre>
 * try (ArchiveWriter w = ArchiveWriter.open(out, keys, id, version, now, 3)) {
 *     w.head(manifest, dataKey);
 *     ArchiveWriter.TableSink t = w.table("staging", "environment");
 *     long rows = copyOut(t);            // binary COPY bytes
 *     String sha = t.finish(rows);
 *     w.finish(completeManifest);
 * }
 * </pre>
 */
public final class ArchiveWriter implements AutoCloseable {

    private final ChunkEncryptingOutputStream encrypted;
    private final OutputStream plain;
    private final ArchiveKey key;
    private final ArchiveHeader header;
    private final byte[] archiveSalt;
    private TableSink open;
    private boolean finished;

    private ArchiveWriter(ChunkEncryptingOutputStream encrypted, OutputStream plain, ArchiveKey key, ArchiveHeader header, byte[] archiveSalt) {
        this.encrypted = encrypted;
        this.plain = plain;
        this.key = key;
        this.header = header;
        this.archiveSalt = archiveSalt;
    }

    /**
     * Starts an archive on {@code out} (closed by {@link #close()}).
     *
     * @param compressionLevel zstd level (1 fastest; 3 is zstd's default)
     * @param workers          zstd worker threads (0 compresses on the calling thread)
     */
    public static ArchiveWriter open(OutputStream out, KeySource keys, String backupId, String appVersion,
            Instant createdAt, int compressionLevel, int workers) throws IOException {
        return open(out, keys, backupId, appVersion, createdAt, compressionLevel, workers, ArchiveFormat.DEFAULT_CHUNK_BYTES);
    }

    /** As {@link #open(OutputStream, KeySource, String, String, Instant, int, int)} with another chunk size. */
    public static ArchiveWriter open(OutputStream out, KeySource keys, String backupId, String appVersion,
            Instant createdAt, int compressionLevel, int workers, int chunkBytes) throws IOException {
        if (chunkBytes < 1024 || chunkBytes > ArchiveFormat.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk size out of range");
        }
        KeySource.NewKey newKey = keys.forWriting();
        byte[] archiveSalt = new byte[32];
        new SecureRandom().nextBytes(archiveSalt);
        ArchiveHeader header = new ArchiveHeader(ArchiveFormat.VERSION, backupId, appVersion, createdAt,
                ArchiveFormat.CIPHER, ArchiveFormat.COMPRESSION, chunkBytes, newKey.kdf(),
                Base64.getEncoder().encodeToString(archiveSalt), newKey.key().fingerprint());
        byte[] headerBytes = ArchiveJson.write(header);
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write(ArchiveFormat.MAGIC);
        buffered.write(ArchiveFormat.VERSION);
        buffered.write(ByteBuffer.allocate(4).putInt(headerBytes.length).array());
        buffered.write(headerBytes);
        ChunkEncryptingOutputStream encrypted = new ChunkEncryptingOutputStream(buffered,
                newKey.key().chunkKey(archiveSalt), sha256(headerBytes), header.chunkBytes());
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(encrypted, compressionLevel);
        if (workers > 0) {
            zstd.setWorkers(workers);
        }
        return new ArchiveWriter(encrypted, new BufferedOutputStream(zstd, 1 << 16), newKey.key(), header, archiveSalt);
    }

    public ArchiveHeader header() {
        return header;
    }

    /** The fingerprint of the archive key. */
    public String keyFingerprint() {
        return key.fingerprint();
    }

    /** Writes the manifest as known at the start; wraps {@code dataKey} (the suite's key, may be null) into it. */
    public Manifest head(Manifest head, byte[] dataKey, String dataKeyFingerprint) throws IOException {
        Manifest withKey = head.withKeys(key.fingerprint(),
                dataKey == null ? null : new Manifest.DataKey(dataKeyFingerprint, wrap(dataKey)), null);
        record(ArchiveFormat.HEAD, ArchiveJson.write(withKey));
        return withKey;
    }

    /**
     * Writes the manifest as known at the start with the suite's whole key ring, each key wrapped by the
     * archive key; the active key is also written as {@code dataKey}.
     */
    public Manifest headWithRing(Manifest head, java.util.List<RingMaterial> ring, String activeKeyId) throws IOException {
        Manifest withKeys = withRing(head, ring, activeKeyId);
        record(ArchiveFormat.HEAD, ArchiveJson.write(withKeys));
        return withKeys;
    }

    /** {@code manifest} carrying {@code ring} wrapped by this archive's key (for the closing manifest too). */
    public Manifest withRing(Manifest manifest, java.util.List<RingMaterial> ring, String activeKeyId) {
        if (ring == null || ring.isEmpty()) {
            return manifest.withKeys(key.fingerprint(), null, null);
        }
        Manifest.DataKey active = ring.stream().filter(k -> k.dataKey() && k.keyId().equals(activeKeyId)).findFirst()
                .map(k -> new Manifest.DataKey(k.keyId(), wrap(k.material()))).orElse(null);
        java.util.List<Manifest.RingKey> wrapped = ring.stream().map(k -> new Manifest.RingKey(k.keyId(), k.kind(),
                k.state(), k.installation(), wrap(k.material(), ringAad(header.backupId(), k.keyId(), k.kind())))).toList();
        return manifest.withKeys(key.fingerprint(), active, wrapped);
    }

    static String ringAad(String backupId, String keyId, String kind) {
        return "timeflow-backup data key " + backupId + " " + keyId + " " + kind;
    }

    /** Begins a table; write its binary COPY data to the returned sink and finish it before the next. */
    public TableSink table(String schema, String table) throws IOException {
        if (open != null) {
            throw new IllegalStateException("table " + open.table + " is not finished");
        }
        record(ArchiveFormat.TABLE_BEGIN, ArchiveJson.write(new TableMark(schema, table, -1, null)));
        open = new TableSink(schema, table);
        return open;
    }

    /** Writes the closing manifest and closes the archive. */
    public void finish(Manifest complete) throws IOException {
        if (open != null) {
            throw new IllegalStateException("table " + open.table + " is not finished");
        }
        record(ArchiveFormat.MANIFEST, ArchiveJson.write(complete));
        finished = true;
        plain.close();
    }

    private void record(byte tag, byte[] body) throws IOException {
        record(tag, body, 0, body.length);
    }

    private void record(byte tag, byte[] body, int off, int len) throws IOException {
        plain.write(tag);
        plain.write(len >>> 24);
        plain.write(len >>> 16);
        plain.write(len >>> 8);
        plain.write(len);
        plain.write(body, off, len);
    }

    private String wrap(byte[] dataKey) {
        return wrap(dataKey, "timeflow-backup data key " + header.backupId());
    }

    private String wrap(byte[] dataKey, String aad) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.wrapKey(archiveSalt), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the data key", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the archive; one that was not finished is left incomplete (its reader sees it truncated). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            // do not seal a final chunk: an unfinished archive must never read as complete
            finished = true;
            encrypted.abandon();
            try {
                plain.close();
            } catch (IOException | RuntimeException e) {
                // the output is being given up anyway
            }
        }
    }

    /** The marker records around a table's data. */
    record TableMark(String schema, String table, long rows, String sha256) {
    }

    /** Receives one table's binary COPY bytes, cut into data records, counted and checksummed. */
    public final class TableSink extends OutputStream {
        private final String schema;
        private final String table;
        private final MessageDigest sha = digest();
        private final byte[] buffer = new byte[ArchiveFormat.DATA_RECORD_BYTES];
        private int filled;
        private long bytes;

        private TableSink(String schema, String table) {
            this.schema = schema;
            this.table = table;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sha.update(b, off, len);
            bytes += len;
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            if (filled > 0) {
                record(ArchiveFormat.TABLE_DATA, buffer, 0, filled);
                filled = 0;
            }
        }

        /** Ends the table with the row count the database reported; returns the hex SHA-256 of its data. */
        public String finish(long rows) throws IOException {
            drain();
            String hex = HexFormat.of().formatHex(sha.digest());
            record(ArchiveFormat.TABLE_END, ArchiveJson.write(new TableMark(schema, table, rows, hex)));
            open = null;
            return hex;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            // the archive stays open; finish(rows) ends the table
        }
    }
}
