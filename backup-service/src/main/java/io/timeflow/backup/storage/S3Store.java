package io.timeflow.backup.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Archives as objects in an S3-compatible store. An archive is streamed as a multipart upload with
 * parts of a fixed size (the only memory it takes), so an archive larger than memory works; the
 * object exists only once the upload is completed, and an aborted upload leaves nothing.
 */
public final class S3Store implements ArchiveStore, AutoCloseable {

    /** Where and how to reach the store. */
    public record Settings(String endpoint, String bucket, String prefix, String region, String accessKeyId,
            String secretAccessKey, boolean pathStyle, int partBytes) {
        @Override
        public String toString() {
            return "S3Store.Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + "]";
        }
    }

    private static final int MIN_PART_BYTES = 5 << 20;

    private final S3Client s3;
    private final Settings settings;

    public S3Store(Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle())
                        .checksumValidationEnabled(false).build());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = builder.build();
    }

    @Override
    public String kind() {
        return "s3";
    }

    private String objectKey(String key) {
        String prefix = settings.prefix() == null ? "" : settings.prefix();
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix + key : prefix + "/" + key;
    }

    @Override
    public Upload begin(String key) {
        String objectKey = objectKey(key);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey)).uploadId();
        int partBytes = Math.max(MIN_PART_BYTES, settings.partBytes());
        List<CompletedPart> parts = new ArrayList<>();
        long[] total = {0};
        OutputStream out = new OutputStream() {
            private final byte[] buffer = new byte[partBytes];
            private int filled;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, buffer.length - filled);
                    System.arraycopy(b, off, buffer, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == buffer.length) {
                        uploadPart();
                    }
                }
            }

            private void uploadPart() throws IOException {
                if (filled == 0 && !parts.isEmpty()) {
                    return;
                }
                int number = parts.size() + 1;
                try {
                    String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                            .partNumber(number).contentLength((long) filled),
                            RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                } catch (S3Exception e) {
                    throw new IOException("uploading part " + number + " to the object store failed: "
                            + e.awsErrorDetails().errorCode(), e);
                }
                total[0] += filled;
                filled = 0;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    uploadPart();
                }
            }
        };
        return new Upload() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public long commit() throws IOException {
                out.close();
                try {
                    s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                } catch (S3Exception e) {
                    throw new IOException("completing the upload to the object store failed: "
                            + e.awsErrorDetails().errorCode(), e);
                }
                done = true;
                return total[0];
            }

            @Override
            public void abort() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId));
                } catch (RuntimeException e) {
                    // the store expires abandoned uploads by its own lifecycle rules
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException("archive " + key + " is not in the object store");
        }
    }

    @Override
    public boolean exists(String key) {
        return size(key) >= 0;
    }

    @Override
    public long size(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
            return head.contentLength();
        } catch (NoSuchKeyException e) {
            return -1;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
    }

    /** Creates the bucket when it does not exist (for a fresh store; production buckets are made by their owners). */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(settings.bucket()));
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
