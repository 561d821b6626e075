package io.timeflow.backup.archive;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads what {@link ChunkEncryptingOutputStream} wrote, releasing a chunk's plaintext only after it
 * was authenticated. Ends cleanly only after the final chunk; an end before it is
 * {@link ArchiveException.Reason#TRUNCATED}, a failed tag or bytes after the final chunk
 * {@link ArchiveException.Reason#TAMPERED}.
 */
final class ChunkDecryptingInputStream extends InputStream {

    private final DataInputStream in;
    private final SecretKeySpec key;
    private final byte[] headerDigest;
    private final int maxChunkBytes;
    private final Cipher cipher;
    private byte[] plain = new byte[0];
    private int pos;
    private long counter;
    private boolean finalSeen;

    ChunkDecryptingInputStream(InputStream in, SecretKeySpec key, byte[] headerDigest, int chunkBytes) {
        this.in = new DataInputStream(in);
        this.key = key;
        this.headerDigest = headerDigest;
        this.maxChunkBytes = chunkBytes + ArchiveFormat.TAG_BYTES;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
        while (pos == plain.length) {
            if (finalSeen) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, plain.length - pos);
        System.arraycopy(plain, pos, b, off, n);
        pos += n;
        return n;
    }

    private void nextChunk() throws IOException {
        int lengthWord;
        try {
            lengthWord = in.readInt();
        } catch (EOFException e) {
            throw new ArchiveException(ArchiveException.Reason.TRUNCATED,
                    "the archive ends after chunk " + counter + " without its final chunk");
        }
        boolean last = (lengthWord & ArchiveFormat.FINAL_FLAG) != 0;
        int length = lengthWord & ~ArchiveFormat.FINAL_FLAG;
        if (length < ArchiveFormat.TAG_BYTES || length > maxChunkBytes) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "chunk " + counter + " has an impossible length");
        }
        byte[] sealed = new byte[length];
        try {
            in.readFully(sealed);
        } catch (EOFException e) {
            throw new ArchiveException(ArchiveException.Reason.TRUNCATED, "the archive ends inside chunk " + counter);
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ChunkEncryptingOutputStream.nonce(counter)));
            cipher.updateAAD(ChunkEncryptingOutputStream.associatedData(headerDigest, counter, last));
            plain = cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED,
                    "chunk " + counter + " of the archive failed authentication (changed, moved or not the last one)");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt chunk " + counter, e);
        }
        pos = 0;
        counter++;
        if (last) {
            finalSeen = true;
            if (in.read() != -1) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive has bytes after its final chunk");
            }
        }
    }

    /** Whether the final chunk was read and authenticated. */
    boolean complete() {
        return finalSeen;
    }

    /** Chunks authenticated so far. */
    long chunks() {
        return counter;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
