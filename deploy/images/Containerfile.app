# One Timeflow application (a Quarkus quarkus-app directory) on the base image; ImageBuild builds it
# for every line of images.txt. This stage has no AOT cache yet: ImageBuild trains one with this
# very image (same JVM, same options) and Containerfile.trained adds it.
ARG BASE
FROM ${BASE}
WORKDIR /opt/timeflow
# Owned by root, read-only for the user: the running process cannot change its code.
COPY app/ ./
COPY start /opt/timeflow/bin/start
# The chart's defaults (values.yaml: javaOptions, ports); the chart sets them again.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError" \
    TIMEFLOW_AOT_CACHE=on \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0 \
    QUARKUS_MANAGEMENT_PORT=9000
USER 10001:10001
# API (8080, or 8443 with TLS) and management: health and metrics (9000), as in the Helm chart
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/timeflow/bin/start"]
