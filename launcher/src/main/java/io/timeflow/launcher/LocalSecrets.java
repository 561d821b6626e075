package io.timeflow.launcher;

import io.timeflow.testing.Scratch;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The local suite's secrets, made on the first run and kept in {@code <data dir>/secrets} (owner
 * read and write only): one password per database role, the data-encryption key, the backup
 * passphrase, and the key pair that signs local tokens. Nothing here is in the repository.
 */
final class LocalSecrets {

    private final Path dir;
    private final Properties values;

    private LocalSecrets(Path dir, Properties values) {
        this.dir = dir;
        this.values = values;
    }

    static LocalSecrets loadOrCreate(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("secrets");
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        Path file = dir.resolve("secrets.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        boolean changed = false;
        for (String schema : Options.ALL_SERVICES) {
            changed |= putIfAbsent(p, "db.password." + schema, Scratch.randomText(24));
        }
        changed |= putIfAbsent(p, "encryption.key", Base64.getEncoder().encodeToString(Scratch.randomBytes(32)));
        changed |= putIfAbsent(p, "backup.passphrase", Scratch.randomText(32));
        if (changed) {
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "Timeflow local secrets: made by ./timeflow up, never commit");
            }
            restrict(file, "rw-------");
        }
        if (!Files.exists(dir.resolve("jwt-private.pem"))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(dir.resolve("jwt-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("jwt-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            restrict(dir.resolve("jwt-private.pem"), "rw-------");
        }
        return new LocalSecrets(dir, p);
    }

    Map<String, String> rolePasswords() {
        Map<String, String> m = new HashMap<>();
        for (String schema : Options.ALL_SERVICES) {
            m.put(schema, values.getProperty("db.password." + schema));
        }
        return m;
    }

    String encryptionKey() {
        return values.getProperty("encryption.key");
    }

    String backupPassphrase() {
        return values.getProperty("backup.passphrase");
    }

    Path publicKeyFile() {
        return dir.resolve("jwt-public.pem");
    }

    PrivateKey signingKey() throws Exception {
        String pem = Files.readString(dir.resolve("jwt-private.pem"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static boolean putIfAbsent(Properties p, String key, String value) {
        if (p.getProperty(key) == null) {
            p.setProperty(key, value);
            return true;
        }
        return false;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void restrict(Path path, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions apply
        }
    }
}
