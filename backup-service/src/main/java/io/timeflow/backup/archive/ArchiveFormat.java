package io.timeflow.backup.archive;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the archive format, version 1 (described in backup-service/docs/archive-format.md).
 *
 * <pre>
 * archive   = magic "TFBACKUP" | u8 format version | u32 header length | header JSON | chunk* (last one final)
 * chunk     = u32 (bit 31: final, bits 0-30: ciphertext length) | AES-256-GCM ciphertext with 16-byte tag
 *             nonce = 4 zero bytes | u64 chunk counter; associated data = SHA-256(header bytes) | u64 counter | u8 final
 * plaintext = zstd frame of: record*
 * record    = u8 tag | u32 length | bytes      tags: M head, T table begins, D table data, E table ends, Z manifest
 * </pre>
 */
public final class ArchiveFormat {

    public static final byte[] MAGIC = "TFBACKUP".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final String CIPHER = "AES-256-GCM";
    public static final String COMPRESSION = "zstd";
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    public static final int MAX_CHUNK_BYTES = 16 << 20;
    public static final int MAX_HEADER_BYTES = 64 << 10;
    static final int TAG_BYTES = 16;
    static final int FINAL_FLAG = 0x8000_0000;

    static final byte HEAD = 'M';
    static final byte TABLE_BEGIN = 'T';
    static final byte TABLE_DATA = 'D';
    static final byte TABLE_END = 'E';
    static final byte MANIFEST = 'Z';
    /** Largest data record the writer emits; the reader accepts up to {@link #MAX_RECORD_BYTES}. */
    static final int DATA_RECORD_BYTES = 256 << 10;
    static final int MAX_RECORD_BYTES = 64 << 20;

    private ArchiveFormat() {
    }
}
