package io.timeflow.deploy.podman;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The applications to build images of: deploy/images/images.txt, one {@code name kind module} a line. */
final class ImageList {

    /** How an application is started and trained. */
    enum Kind {
        /** A Quarkus application serving HTTP (8080) and health (9000), using PostgreSQL and Kafka: trained while it serves. */
        QUARKUS_SERVICE("quarkus-service"),
        /** A Quarkus application that is not a server (e.g. command mode): trained by a start that stops after initialisation. */
        QUARKUS_APP("quarkus-app");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind '" + word + "' (quarkus-service or quarkus-app)");
        }
    }

    /** One image: {@code localhost/timeflow/<name>:<tag>} from {@code <module>/target/quarkus-app}. */
    record App(String name, Kind kind, String module) {
        String repository() {
            return "timeflow/" + name;
        }
    }

    static final Path FILE = Path.of("deploy", "images", "images.txt");

    private ImageList() {
    }

    static List<App> read(Path projectDir) throws IOException {
        return parse(Files.readAllLines(projectDir.resolve(FILE)));
    }

    static List<App> parse(List<String> lines) {
        List<App> apps = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(FILE + " line " + n + ": expected '<name> <kind> <module>', got '" + line + "'");
            }
            if (!f[0].matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException(FILE + " line " + n + ": image name '" + f[0] + "' (lower case, digits, dashes)");
            }
            if (!names.add(f[0])) {
                throw new IllegalArgumentException(FILE + " line " + n + ": image '" + f[0] + "' listed twice");
            }
            apps.add(new App(f[0], Kind.of(f[1]), f[2]));
        }
        return List.copyOf(apps);
    }
}
