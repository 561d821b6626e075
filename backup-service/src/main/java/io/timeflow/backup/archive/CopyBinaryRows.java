package io.timeflow.backup.archive;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Counts the rows of a PostgreSQL binary COPY stream (signature, flags, header extension, then
 * tuples of length-prefixed fields, then the -1 trailer) without interpreting the values: an
 * independent check of a table's row count when an archive is verified without being restored.
 */
public final class CopyBinaryRows {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private CopyBinaryRows() {
    }

    /** Reads the whole stream; throws {@link ArchiveException} (TAMPERED) when it is not well-formed. */
    public static long count(InputStream data) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(data, 1 << 16));
        try {
            byte[] signature = new byte[SIGNATURE.length];
            in.readFully(signature);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw malformed("does not start with the binary COPY signature");
            }
            in.readInt();
            int extension = in.readInt();
            if (extension < 0) {
                throw malformed("has a negative header extension");
            }
            in.skipNBytes(extension);
            long rows = 0;
            while (true) {
                short fields = in.readShort();
                if (fields == -1) {
                    break;
                }
                if (fields < 0) {
                    throw malformed("has a tuple with a negative field count");
                }
                for (int i = 0; i < fields; i++) {
                    int length = in.readInt();
                    if (length > 0) {
                        in.skipNBytes(length);
                    } else if (length < -1) {
                        throw malformed("has a field with an impossible length");
                    }
                }
                rows++;
            }
            if (in.read() != -1) {
                throw malformed("has bytes after its trailer");
            }
            return rows;
        } catch (EOFException e) {
            throw malformed("ends before its trailer");
        }
    }

    private static ArchiveException malformed(String what) {
        return new ArchiveException(ArchiveException.Reason.TAMPERED, "a table's data " + what);
    }
}
