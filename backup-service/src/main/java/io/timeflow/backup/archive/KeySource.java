package io.timeflow.backup.archive;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where an archive key comes from: a passphrase (PBKDF2-HMAC-SHA256 with a fresh salt for each
 * archive written, the archive's own salt and count when reading) or a raw 32-byte key.
 */
public sealed interface KeySource {

    /**
     * The first of {@code sources} whose key opens an archive (by the key fingerprint in its header):
     * a passphrase an operator gives, then the installation's own key (an uploaded archive is stored
     * under it). New archives use the first.
     */
    static KeySource anyOf(java.util.List<KeySource> sources) {
        return new AnyOf(java.util.List.copyOf(sources));
    }

    /** The key and the KDF description for a new archive. */
    NewKey forWriting();

    /** The key of an existing archive, from what its header says. */
    ArchiveKey forReading(ArchiveHeader header);

    record NewKey(ArchiveKey key, ArchiveHeader.Kdf kdf) {
    }

    static KeySource passphrase(char[] passphrase, int iterations) {
        return new Passphrase(passphrase.clone(), iterations);
    }

    static KeySource rawKey(byte[] key) {
        return new RawKey(ArchiveKey.fromRawKey(key));
    }

    record Passphrase(char[] passphrase, int iterations) implements KeySource {
        @Override
        public NewKey forWriting() {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            return new NewKey(ArchiveKey.fromPassphrase(passphrase, salt, iterations),
                    new ArchiveHeader.Kdf(ArchiveHeader.Kdf.PBKDF2, iterations, Base64.getEncoder().encodeToString(salt)));
        }

        @Override
        public ArchiveKey forReading(ArchiveHeader header) {
            ArchiveHeader.Kdf kdf = header.kdf();
            if (kdf == null || !ArchiveHeader.Kdf.PBKDF2.equals(kdf.algorithm())) {
                throw new ArchiveException(ArchiveException.Reason.WRONG_KEY,
                        "the archive was made with an operator-supplied key, not a passphrase");
            }
            if (kdf.iterations() == null || kdf.iterations() < ArchiveKey.MIN_ITERATIONS || kdf.iterations() > 50_000_000) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive header names an unusable KDF cost");
            }
            byte[] salt;
            try {
                salt = Base64.getDecoder().decode(kdf.salt());
            } catch (RuntimeException e) {
                throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive header's KDF salt is not readable");
            }
            return ArchiveKey.fromPassphrase(passphrase, salt, kdf.iterations());
        }

        @Override
        public String toString() {
            return "Passphrase[***]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Passphrase p && Arrays.equals(p.passphrase, passphrase) && p.iterations == iterations;
        }

        @Override
        public int hashCode() {
            return iterations;
        }
    }

    record AnyOf(java.util.List<KeySource> sources) implements KeySource {
        @Override
        public NewKey forWriting() {
            return sources.get(0).forWriting();
        }

        @Override
        public ArchiveKey forReading(ArchiveHeader header) {
            ArchiveKey first = null;
            ArchiveException refused = null;
            for (KeySource s : sources) {
                try {
                    ArchiveKey k = s.forReading(header);
                    if (k.matches(header.keyFingerprint())) {
                        return k;
                    }
                    first = first == null ? k : first;
                } catch (ArchiveException e) {
                    refused = refused == null ? e : refused;
                }
            }
            if (first == null) {
                throw refused;
            }
            return first;
        }

        @Override
        public String toString() {
            return "AnyOf[" + sources.size() + " keys]";
        }
    }

    record RawKey(ArchiveKey key) implements KeySource {
        @Override
        public NewKey forWriting() {
            return new NewKey(key, new ArchiveHeader.Kdf(ArchiveHeader.Kdf.RAW, null, null));
        }

        @Override
        public ArchiveKey forReading(ArchiveHeader header) {
            return key;
        }
    }
}
