# meshbench: one image for the server (the default command), the built-in target and the load
# workers (MESHBENCH_IMAGE): `docker run IMAGE target --host 0.0.0.0`, `docker run IMAGE worker`.
#
#   docker build -t meshbench:latest .
#   docker compose up -d                       # docker-compose.yml: server + dashboard on loopback
#
# Tests are not run here: they need a PostgreSQL and real sockets; `bash .ci/run` runs them.

# ---- build: the Maven wrapper, a dependency layer, then the sources ----
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src

# Dependency cache layer: packaging the modules from their POMs alone (no sources yet) downloads
# Maven, every plugin and every dependency. This layer is rebuilt only when a POM or the wrapper
# changes, so editing Java code does not download the world again. (dependency:go-offline cannot
# resolve the OS-specific Netty classifier, hence a real, empty package.)
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY engine/pom.xml engine/
COPY target-server/pom.xml target-server/
COPY platform/pom.xml platform/
COPY bench/jmh/pom.xml bench/jmh/
RUN ./mvnw -B -q -DskipTests -pl platform -am package \
    && rm -rf engine/target target-server/target platform/target

COPY engine/src/ engine/src/
COPY target-server/src/ target-server/src/
COPY platform/src/ platform/src/
RUN ./mvnw -B -q -DskipTests -pl platform -am package \
    && test -s platform/target/meshbench.jar

# ---- runtime: a JRE 17, a non-root user, the jar, the launcher and the runner scripts ----
FROM eclipse-temurin:17-jre-jammy AS runtime

# curl for the HEALTHCHECK (and for users poking at the API from inside the container).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed, non-root uid/gid, so that volumes and Kubernetes securityContexts can name it.
RUN groupadd --system --gid 10001 meshbench \
    && useradd --system --uid 10001 --gid meshbench --home-dir /home/meshbench --create-home \
       --shell /usr/sbin/nologin meshbench \
    && mkdir -p /var/lib/meshbench \
    && chown meshbench:meshbench /var/lib/meshbench

WORKDIR /opt/meshbench
# Same layout as a checkout, so ./meshbench and workloads/scripts/runners/*.sh work unchanged
# (the launcher only builds when sources are present; the image has none).
COPY --from=build /src/platform/target/meshbench.jar platform/target/meshbench.jar
COPY meshbench ./
COPY workloads/ workloads/

# RESULTS_DIR: the runner scripts' results land in the data volume, which the user can write.
ENV MESHBENCH_DATA_DIR=/var/lib/meshbench \
    MESHBENCH_PORT=8000 \
    RESULTS_DIR=/var/lib/meshbench/results \
    MESHBENCH_JAVA_OPTS="-XX:+UseG1GC -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1" \
    PATH="/opt/meshbench:${PATH}"

# The class-data-sharing archive, made now (a 1 s run against the built-in target on loopback)
# because the launcher cannot write it at run time under a read-only root filesystem.
RUN ./meshbench version >/dev/null && ls platform/target/meshbench-*.jsa >/dev/null

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MESHBENCH_PORT:-8000}/health" >/dev/null || exit 1

# The verb comes from CMD, so pods replace it: ["target", ...] or ["worker"]. The launcher runs
# the jar with $MESHBENCH_JAVA_OPTS (set above; override it with -e or in compose's .env); with no
# sources in the image it never builds.
ENTRYPOINT ["/opt/meshbench/meshbench"]
# 0.0.0.0 inside the container is required for published ports to reach the server; the server
# refuses it without MESHBENCH_API_TOKEN (the compose files require one; docs/configuration.md).
CMD ["serve", "--host", "0.0.0.0"]
