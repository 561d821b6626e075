package io.timeflow.plugin.sandbox;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a sandboxed context prints (stdout and stderr, interleaved), kept up to a cap so that a
 * migration printing in a loop cannot fill the heap. {@link #drain()} takes what was kept so far.
 */
final class CappedOutput extends OutputStream {

    private final int cap;
    private byte[] buffer = new byte[256];
    private int size;
    private long dropped;

    CappedOutput(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (size >= cap) {
            dropped++;
            return;
        }
        ensure(size + 1);
        buffer[size++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, cap - size);
        int kept = Math.min(room, len);
        if (kept > 0) {
            ensure(size + kept);
            System.arraycopy(b, off, buffer, size, kept);
            size += kept;
        }
        dropped += len - kept;
    }

    private void ensure(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(needed, buffer.length * 2)));
        }
    }

    /**
     * The text kept since the last drain (with a note of how much was cut), and a fresh start. When
     * something was cut, the text ends at its last complete line: a line cut in the middle could
     * end with the first characters of a secret, which redaction would no longer recognise.
     */
    synchronized String drain() {
        int kept = size;
        if (dropped > 0) {
            while (kept > 0 && buffer[kept - 1] != '\n') {
                kept--;
            }
            dropped += size - kept;
        }
        String text = new String(buffer, 0, kept, StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "[" + dropped + " more bytes of output were cut]\n";
        }
        size = 0;
        dropped = 0;
        if (buffer.length > 4096) {
            buffer = new byte[256];
        }
        return text;
    }
}
