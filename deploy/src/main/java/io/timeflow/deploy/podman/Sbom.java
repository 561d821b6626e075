package io.timeflow.deploy.podman;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A CycloneDX 1.5 bill of materials of one image: the Debian packages of its root file system, the
 * Java runtime, and every jar of the application with its SHA-256. Written into the image
 * (/opt/timeflow/sbom.cdx.json) and beside it under deploy/target/images/sbom/.
 */
final class Sbom {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sbom() {
    }

    static void write(Path file, String imageName, ImageTag tag, List<Rootfs.Package> packages, String javaRuntime,
            Path appDir) throws IOException {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
        bom.put("serialNumber", "urn:uuid:" + java.util.UUID.nameUUIDFromBytes((imageName + ":" + tag.tag()).getBytes()));
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", tag.commitTime().toString());
        metadata.putObject("component").put("type", "container").put("name", "timeflow/" + imageName)
                .put("version", tag.tag()).put("bom-ref", "image");
        ArrayNode components = bom.putArray("components");
        for (Rootfs.Package p : packages) {
            components.addObject().put("type", "library").put("name", p.name()).put("version", p.version())
                    .put("purl", p.purl()).put("group", "debian");
        }
        if (javaRuntime != null) {
            components.addObject().put("type", "platform").put("name", "java-runtime").put("version", javaRuntime)
                    .put("description", "Java runtime linked with jlink from the build's JDK");
        }
        if (appDir != null && Files.isDirectory(appDir)) {
            try (Stream<Path> jars = Files.walk(appDir)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                    ObjectNode c = components.addObject().put("type", "library")
                            .put("name", jar.getFileName().toString().replaceFirst("\\.jar$", ""));
                    c.putArray("hashes").addObject().put("alg", "SHA-256").put("content", sha256(jar));
                    c.putArray("properties").addObject().put("name", "timeflow:path")
                            .put("value", "/opt/timeflow/" + appDir.relativize(jar));
                }
            }
        }
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), bom);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String timestamp(Instant t) {
        return t.toString();
    }
}
