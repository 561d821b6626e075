package io.timeflow.backup.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a stream in chunks of a fixed plaintext size, each sealed with AES-256-GCM under a nonce
 * made of its counter, with associated data binding the header, the counter and whether it is the
 * last chunk: reordering, dropping, duplicating or truncating chunks is detected on reading. The
 * last chunk (possibly empty) is written, marked final, by {@link #close()}.
 */
final class ChunkEncryptingOutputStream extends OutputStream {

    private final OutputStream out;
    private final SecretKeySpec key;
    private final byte[] headerDigest;
    private final byte[] buffer;
    private final Cipher cipher;
    private int filled;
    private long counter;
    private boolean closed;
    private boolean abandoned;

    ChunkEncryptingOutputStream(OutputStream out, SecretKeySpec key, byte[] headerDigest, int chunkBytes) {
        this.out = out;
        this.key = key;
        this.headerDigest = headerDigest;
        this.buffer = new byte[chunkBytes];
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == buffer.length) {
                // only now is it known that this chunk is not the last one
                seal(false);
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void seal(boolean last) throws IOException {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(counter)));
            cipher.updateAAD(associatedData(headerDigest, counter, last));
            byte[] sealed = cipher.doFinal(buffer, 0, filled);
            int lengthWord = sealed.length | (last ? ArchiveFormat.FINAL_FLAG : 0);
            out.write(ByteBuffer.allocate(4).putInt(lengthWord).array());
            out.write(sealed);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt a chunk", e);
        }
        counter++;
        filled = 0;
    }

    static byte[] nonce(long counter) {
        return ByteBuffer.allocate(12).putInt(0).putLong(counter).array();
    }

    static byte[] associatedData(byte[] headerDigest, long counter, boolean last) {
        return ByteBuffer.allocate(headerDigest.length + 9).put(headerDigest).putLong(counter)
                .put((byte) (last ? 1 : 0)).array();
    }

    /** Makes {@link #close()} end the stream without its final chunk: an unfinished archive never reads as whole. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (abandoned) {
            out.close();
            return;
        }
        seal(true);
        out.flush();
        out.close();
    }
}
