package io.timeflow.backup.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes an archive being read again under another archive key, in the same pass: an archive uploaded
 * from another installation is stored under this installation's key, so that restoring or verifying
 * it later needs no other passphrase (ADR 0092). The tables' bytes are copied unchanged (their
 * checksums stay); the key ring is unwrapped with the old archive key and wrapped with the new one;
 * the header keeps the backup's id, version and time. Nothing is kept unless the whole source was read
 * and checked: the caller stores the output only when {@link #finish} returned.
 */
public final class ArchiveRekeyer implements ArchiveReader.Visitor {

    private final OutputStream out;
    private final KeySource newKeys;
    private final int compressionLevel;
    private final int workers;
    private ArchiveWriter writer;
    private List<RingMaterial> ring = List.of();
    private String activeKeyId;
    private final List<Long> bytes = new ArrayList<>();

    public ArchiveRekeyer(OutputStream out, KeySource newKeys, int compressionLevel, int workers) {
        this.out = out;
        this.newKeys = newKeys;
        this.compressionLevel = compressionLevel;
        this.workers = workers;
    }

    @Override
    public void head(ArchiveHeader header, Manifest head, ArchiveKey key) {
        ring = ArchiveReader.ring(header, head, key);
        activeKeyId = head.dataKey() == null ? null : head.dataKey().fingerprint();
        try {
            writer = ArchiveWriter.open(out, newKeys, header.backupId(), header.appVersion(), header.createdAt(),
                    compressionLevel, workers);
            writer.headWithRing(head, ring, activeKeyId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public long table(String schema, Manifest.TableEntry declared, InputStream data) throws Exception {
        ArchiveWriter.TableSink sink = writer.table(schema, declared.name());
        CopyingInputStream copying = new CopyingInputStream(data, sink);
        long rows = CopyBinaryRows.count(copying);
        copying.drain();
        sink.finish(rows);
        bytes.add(sink.bytes());
        return rows;
    }

    /**
     * Writes the closing manifest (each table's bytes as copied, the ring wrapped by the new key) after
     * the reader accepted {@code complete}; returns the manifest as stored.
     */
    public Manifest finish(Manifest complete) throws IOException {
        Iterator<Long> counted = bytes.iterator();
        List<Manifest.SchemaEntry> schemas = new ArrayList<>();
        for (Manifest.SchemaEntry s : complete.schemas()) {
            List<Manifest.TableEntry> tables = new ArrayList<>();
            for (Manifest.TableEntry t : s.tables()) {
                tables.add(t.withData(t.rows(), t.sha256(), counted.next()));
            }
            schemas.add(s.withTables(tables));
        }
        Manifest stored = writer.withRing(new Manifest(complete.formatVersion(), complete.backupId(), complete.appVersion(),
                complete.snapshotAt(), null, null, schemas), ring, activeKeyId);
        writer.finish(stored);
        return stored;
    }

    /** The key ring the archive carries, in clear. */
    public List<RingMaterial> ring() {
        return ring;
    }

    /** The new archive key's fingerprint. */
    public String keyFingerprint() {
        return writer.keyFingerprint();
    }

    /** Gives up the output (the source failed its checks): the partial archive never reads as complete. */
    public void abandon() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    /** Copies every byte read or skipped to the table's sink. */
    private static final class CopyingInputStream extends FilterInputStream {
        private final OutputStream copy;

        CopyingInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // the rest of the table's data, copied
            }
        }
    }
}
