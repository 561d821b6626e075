package io.timeflow.backup.storage;

import io.timeflow.backup.config.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Chooses the store from {@code timeflow.backup.storage.type}: a local directory (default) or S3. */
@ApplicationScoped
public class ArchiveStores {

    private static final Logger LOG = Logger.getLogger(ArchiveStores.class);

    @Produces
    @Singleton
    ArchiveStore store(BackupConfig config) {
        BackupConfig.Storage storage = config.storage();
        switch (storage.type()) {
            case "local" -> {
                LocalDirectoryStore local = new LocalDirectoryStore(Path.of(storage.directory()));
                LOG.infof("archives are kept in the directory %s", local.directory());
                return local;
            }
            case "s3" -> {
                BackupConfig.S3 s3 = storage.s3();
                S3Store store = new S3Store(new S3Store.Settings(s3.endpoint().orElse(null), s3.bucket(),
                        s3.prefix().orElse(""), s3.region(), s3.accessKeyId().orElse(null),
                        s3.secretAccessKey().orElse(null), s3.pathStyle(), s3.partBytes()));
                LOG.infof("archives are kept in the object store bucket %s", s3.bucket());
                return store;
            }
            default -> throw new IllegalStateException(
                    "timeflow.backup.storage.type must be local or s3, not " + storage.type());
        }
    }
}
