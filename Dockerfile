# syntax=docker/dockerfile:1
# One image for every service of the FOI tracker (依申请公开 tracker).
# The service is chosen at run time by MAIN_CLASS (docker-compose.yml sets it per service):
#   foi.tracker.standalone.Standalone            (default: embedded single-node Kafka, both HTTP APIs)
#   foi.tracker.ingest.IngestMain                (HTTP 8080)
#   foi.tracker.processor.StreamProcessorMain    (HTTP 8083: /health, /metrics, /openapi.yml)
#   foi.tracker.dashboard.DashboardMain          (HTTP 8081)
#
# Build:  docker build -t foi-tracker:0.1.0 .
# Run:    docker run -p 8080:8080 -p 8081:8081 -v foi-data:/data foi-tracker:0.1.0

########## build stage: the Maven reactor build ##########
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Whole source tree (.dockerignore keeps target/, data/ and .git out).
COPY . .
# Produces standalone/target/tracker-standalone.jar with its dependencies in standalone/target/lib/
# (the jar's manifest Class-Path points at lib/...).
RUN mvn -B -ntp -DskipTests package

########## runtime stage: JRE only ##########
FROM eclipse-temurin:17-jre AS runtime

# curl for the HTTP health checks (GET /health), procps (pgrep) for the stream processor's process check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl procps \
 && rm -rf /var/lib/apt/lists/*

# Non-root user owning the data dir (Kafka Streams state, admin token, embedded broker logs in standalone mode).
RUN groupadd --system --gid 10001 tracker \
 && useradd --system --uid 10001 --gid tracker --home-dir /app --shell /usr/sbin/nologin tracker \
 && mkdir -p /app/lib /data /signing \
 && chown tracker:tracker /data /signing

WORKDIR /app
COPY --from=build /build/standalone/target/tracker-standalone.jar /app/tracker-standalone.jar
COPY --from=build /build/standalone/target/lib/ /app/lib/

# Build-time default for the service; override at run time with -e MAIN_CLASS=... (compose does).
ARG MAIN_CLASS=foi.tracker.standalone.Standalone
ENV MAIN_CLASS=${MAIN_CLASS} \
    TRACKER_DATA_DIR=/data \
    TRACKER_INGEST_PORT=8080 \
    TRACKER_DASHBOARD_PORT=8081 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2

VOLUME ["/data"]
# 8080: ingest-service, 8081: dashboard-api (standalone serves both).
EXPOSE 8080 8081 8083

USER tracker

# exec: the JVM becomes PID 1 and gets SIGTERM on `docker stop` (clean Kafka Streams shutdown).
# The class path is quoted so the shell does not glob it; the JVM expands lib/* itself.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/app/tracker-standalone.jar:/app/lib/*' \"$MAIN_CLASS\" \"$@\"", "tracker"]
