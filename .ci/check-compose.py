#!/usr/bin/env python3
"""Static checks of the Dockerfile, .dockerignore and the compose files (no Docker engine here).

Dockerfile: a JDK 17 build stage that uses the Maven wrapper and builds a dependency layer before
copying sources; a JRE 17 runtime stage; a non-root USER; EXPOSE 8000; a HEALTHCHECK on /health
whose tool is installed; every COPY source exists and no file it needs is excluded by
.dockerignore; the jar copied from the build stage is the one the build produces and the one the
ENTRYPOINT runs; the default command is `serve --host 0.0.0.0`.

Compose files: the services each file promises (and no Redis); meshbench is built from the root
Dockerfile; every published port is bound to 127.0.0.1 (which is what makes
MESHBENCH_ALLOW_UNAUTHENTICATED=true acceptable) and no host port is published twice; named
volumes are declared, bind-mount sources exist, ~/.kube is read-only; the data dir is a volume;
healthchecks; depends_on names services; in the full file, the database URL, Prometheus and
Grafana wiring agree with monitoring/. Needs python3 with PyYAML (Debian: python3-yaml).
"""

import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
problems = []


def check(ok, msg):
    print(("  ok   " if ok else "  FAIL ") + msg)
    if not ok:
        problems.append(msg)
    return ok


def read(rel):
    with open(os.path.join(ROOT, rel)) as f:
        return f.read()


def interpolate(value):
    """Compose variable syntax, resolved as with an empty environment: ${X:-d} -> d."""
    value = re.sub(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{HOME\}", "/home/user", value)


# ---------- Dockerfile ----------

def dockerfile_instructions(text):
    """[(stage index, INSTRUCTION, arguments)], with continuation lines joined."""
    out, stage, buf = [], -1, ""
    for raw in text.splitlines():
        line = raw.strip()
        if not buf and (not line or line.startswith("#")):
            continue
        if buf and line.startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        line, buf = buf + line, ""
        word, _, args = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            stage += 1
        out.append((stage, word, args.strip()))
    return out


def git_files(prefix):
    res = subprocess.run(["git", "ls-files", "--", prefix], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return [f for f in res.stdout.splitlines() if f]


def dockerignore_patterns():
    pats = []
    for line in read(".dockerignore").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        neg = line.startswith("!")
        pat = line[1:] if neg else line
        pats.append((neg, os.path.normpath(pat.lstrip("/"))))
    return pats


def pattern_regex(pat):
    rx, i = "", 0
    while i < len(pat):
        if pat.startswith("**", i):
            rx += ".*"
            i += 2
        elif pat[i] == "*":
            rx += "[^/]*"
            i += 1
        elif pat[i] == "?":
            rx += "[^/]"
            i += 1
        else:
            rx += re.escape(pat[i])
            i += 1
    return re.compile(rx + "$")


def ignored(path, pats):
    """Docker's rule: the last matching pattern wins; a pattern matching a parent dir matches."""
    parts = path.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    result = False
    for neg, pat in pats:
        rx = pattern_regex(pat)
        if any(rx.match(c) for c in candidates):
            result = not neg
    return result


def json_args(args, what):
    try:
        value = json.loads(args)
    except ValueError:
        check(False, "%s is in exec form (a JSON array): %s" % (what, args))
        return []
    check(isinstance(value, list), "%s is in exec form (a JSON array)" % what)
    return value


def check_dockerfile():
    print("Dockerfile")
    ins = dockerfile_instructions(read("Dockerfile"))
    froms = [(s, a) for s, w, a in ins if w == "FROM"]
    check(len(froms) >= 2, "multi-stage: %d stages" % len(froms))
    names = {}
    for s, a in froms:
        m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", a, re.I)
        names[s] = (m.group(1), m.group(2))
    build_image, build_name = names[0]
    run_image, _ = names[len(froms) - 1]
    check(re.search(r":17[.-].*jdk|:17-jdk|jdk-?17", build_image) is not None,
          "build stage uses a JDK 17 image (%s)" % build_image)
    check(re.search(r":17([.-_].*)?-?jre|jre-?17", run_image) is not None,
          "runtime stage uses a JRE 17 image (%s)" % run_image)
    build = [(w, a) for s, w, a in ins if s == 0]
    runtime = [(w, a) for s, w, a in ins if s == len(froms) - 1]

    # The wrapper and a dependency layer before the sources.
    copies = [a for w, a in build if w == "COPY"]
    runs = [i for i, (w, a) in enumerate(build) if w == "RUN" and "./mvnw" in a]
    first_src = next((i for i, (w, a) in enumerate(build) if w == "COPY" and "/src" in a), None)
    check(any(a.split()[0] == "mvnw" for a in copies) and any(".mvn" in a for a in copies),
          "build stage copies the Maven wrapper (mvnw, .mvn/)")
    check(bool(runs) and first_src is not None and runs[0] < first_src,
          "a ./mvnw RUN resolves dependencies before the sources are copied (cache layer)")
    modules = re.findall(r"<module>([^<]+)</module>", read("pom.xml"))
    pom_copies = " ".join(a for w, a in build[:first_src or 0] if w == "COPY")
    for mod in modules:
        check("%s/pom.xml" % mod in pom_copies,
              "module %s's pom.xml is copied before the dependency layer (the reactor needs it)"
              % mod)
    # The jar is built from platform and the meshbench modules it depends on: their sources.
    src_copies = " ".join(a for w, a in build if w == "COPY")
    artifact_dirs = {}
    for mod in modules:
        m = re.search(r"</parent>\s*<artifactId>([^<]+)</artifactId>", read("%s/pom.xml" % mod))
        if m:
            artifact_dirs[m.group(1)] = mod
    needed = ["platform"] + [artifact_dirs[a] for a in re.findall(
        r"<groupId>io\.meshbench</groupId>\s*<artifactId>([^<]+)</artifactId>",
        read("platform/pom.xml")) if a in artifact_dirs]
    for mod in needed:
        check("%s/src" % mod in src_copies,
              "module %s's sources are copied (the jar is built from them)" % mod)

    # COPY sources exist and survive .dockerignore.
    pats = dockerignore_patterns()
    for stage, w, a in ins:
        if w not in ("COPY", "ADD") or "--from=" in a:
            continue
        parts = [p for p in shlex.split(a) if not p.startswith("--")]
        for src in parts[:-1]:
            src = src.rstrip("/") or "."
            exists = os.path.exists(os.path.join(ROOT, src))
            check(exists, "COPY source %s exists" % src)
            tracked = git_files(src) if exists else []
            dropped = [f for f in tracked if ignored(f, pats)]
            check(exists and not dropped,
                  "no tracked file under %s is excluded by .dockerignore%s"
                  % (src, (": " + ", ".join(dropped[:5])) if dropped else ""))
    for must in ("target-server/src/main/java/io/meshbench/target",):
        if os.path.exists(os.path.join(ROOT, must)):
            check(not ignored(must + "/x.java", pats),
                  ".dockerignore keeps %s (a source package named target)" % must)
    check(ignored(".git/HEAD", pats) and ignored("platform/target/meshbench.jar", pats),
          ".dockerignore leaves out .git and build output")

    # The jar: what the build makes, what is copied, what runs.
    final_name = re.search(r"<finalName>([^<]+)</finalName>", read("platform/pom.xml"))
    jar = "platform/target/%s.jar" % (final_name.group(1) if final_name else "?")
    from_copies = [a for w, a in runtime if w == "COPY" and "--from=" in a]
    check(any(("--from=%s" % build_name) in a and jar in a for a in from_copies),
          "runtime copies %s from stage %s" % (jar, build_name))
    workdir = next((a for w, a in reversed(runtime) if w == "WORKDIR"), "/")
    dest = None
    for a in from_copies:
        parts = [p for p in shlex.split(a) if not p.startswith("--")]
        if jar in parts[0]:
            dest = parts[-1] if parts[-1].startswith("/") else os.path.join(workdir, parts[-1])
    users = [a for w, a in runtime if w == "USER"]
    check(bool(users) and users[-1].split(":")[0] not in ("root", "0"),
          "runtime runs as a non-root USER (%s)" % (users[-1] if users else "none"))
    check(any(w == "EXPOSE" and "8000" in a.split() for w, a in runtime), "EXPOSE 8000")
    hc = [a for w, a in runtime if w == "HEALTHCHECK"]
    check(bool(hc) and "/health" in hc[-1], "HEALTHCHECK calls /health")
    if hc and "curl" in hc[-1]:
        check(any(w == "RUN" and re.search(r"install\b.*\bcurl\b", a) for w, a in runtime),
              "curl, which the HEALTHCHECK uses, is installed in the runtime stage")
    entry = json_args(next((a for w, a in reversed(runtime) if w == "ENTRYPOINT"), "[]"),
                      "ENTRYPOINT")
    cmd = json_args(next((a for w, a in reversed(runtime) if w == "CMD"), "[]"), "CMD")
    check(entry[:1] == ["java"] and "-jar" in entry and dest is not None
          and entry[entry.index("-jar") + 1] == dest,
          "ENTRYPOINT runs the copied jar (%s)" % dest)
    check(cmd[:1] == ["serve"] and "--host" in cmd and cmd[cmd.index("--host") + 1] == "0.0.0.0",
          "CMD is serve --host 0.0.0.0 (%s)" % " ".join(cmd))
    env = " ".join(a for w, a in runtime if w == "ENV")
    check("MESHBENCH_DATA_DIR=" in env, "MESHBENCH_DATA_DIR is set in the image")


# ---------- compose ----------

def published_ports(svc):
    out = []
    for p in svc.get("ports", []):
        if isinstance(p, dict):
            out.append((p.get("host_ip"), str(p.get("published")), str(p.get("target"))))
        else:
            parts = interpolate(str(p)).split(":")
            if len(parts) == 3:
                out.append((parts[0], parts[1], parts[2]))
            elif len(parts) == 2:
                out.append((None, parts[0], parts[1]))
            else:
                out.append((None, None, parts[0]))
    return out


def mounts(svc):
    out = []
    for v in svc.get("volumes", []):
        if isinstance(v, dict):
            out.append((v.get("source"), v.get("target"), bool(v.get("read_only"))))
        else:
            parts = interpolate(str(v)).split(":")
            out.append((parts[0], parts[1] if len(parts) > 1 else parts[0],
                        len(parts) > 2 and "ro" in parts[2].split(",")))
    return out


def env_of(svc):
    env = svc.get("environment", {})
    if isinstance(env, list):
        env = dict(e.split("=", 1) if "=" in e else (e, None) for e in env)
    return {k: interpolate(str(v)) if v is not None else None for k, v in env.items()}


def check_compose(rel, expected):
    print(rel)
    doc = yaml.safe_load(read(rel))
    services = doc.get("services", {})
    check(set(services) == set(expected),
          "services are %s (found %s)" % (sorted(expected), sorted(services)))
    check(not any("redis" in n or "redis" in str(s.get("image", "")) for n, s in services.items()),
          "no Redis (PostgreSQL is the queue)")
    declared = set((doc.get("volumes") or {}).keys())
    host_ports = {}
    for name, svc in services.items():
        for ip, host, target in published_ports(svc):
            check(ip == "127.0.0.1", "%s publishes %s on the host's loopback (%s)"
                  % (name, host, ip))
            check(host not in host_ports, "host port %s is published once (%s, %s)"
                  % (host, host_ports.get(host, "-"), name))
            host_ports[host] = name
        for src, target, ro in mounts(svc):
            if src.startswith((".", "/")) or src.startswith("~"):
                if src.startswith("."):
                    check(os.path.exists(os.path.join(ROOT, src)),
                          "%s bind-mount source %s exists in the repository" % (name, src))
            else:
                check(src in declared, "%s volume %s is declared under volumes:" % (name, src))
        check("healthcheck" in svc, "%s has a healthcheck" % name)
        deps = svc.get("depends_on", [])
        for dep in deps if isinstance(deps, list) else deps.keys():
            check(dep in services, "%s depends_on %s, a service of this file" % (name, dep))
        check("image" in svc or "build" in svc, "%s has an image or a build" % name)

    mb = services.get("meshbench", {})
    build = mb.get("build", {})
    build = {"context": build} if isinstance(build, str) else build
    context = os.path.normpath(os.path.join(ROOT, build.get("context", "?")))
    dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
    check(context == ROOT and os.path.normpath(dockerfile) == os.path.join(ROOT, "Dockerfile"),
          "meshbench is built from the root Dockerfile")
    cmd = mb.get("command", [])
    cmd = shlex.split(cmd) if isinstance(cmd, str) else cmd
    check(cmd[:1] == ["serve"] and "--host" in cmd and cmd[cmd.index("--host") + 1] == "0.0.0.0",
          "meshbench runs serve --host 0.0.0.0")
    port = cmd[cmd.index("--port") + 1] if "--port" in cmd else "8000"
    ports = published_ports(mb)
    check({h for _, h, t in ports if t == port} >= {"8000", "3000"},
          "the API/dashboard (container port %s) is published on 8000 and 3000" % port)
    env = env_of(mb)
    if env.get("MESHBENCH_ALLOW_UNAUTHENTICATED") == "true":
        check(all(ip == "127.0.0.1" for ip, _, _ in ports),
              "MESHBENCH_ALLOW_UNAUTHENTICATED only with loopback-only ports")
    data_dir = env.get("MESHBENCH_DATA_DIR")
    mb_mounts = mounts(mb)
    check(any(t == data_dir and s in declared for s, t, _ in mb_mounts),
          "the data dir %s is a named volume" % data_dir)
    check(any(s.endswith("/.kube") and ro for s, t, ro in mb_mounts),
          "~/.kube is mounted read-only")
    hc = " ".join(mb.get("healthcheck", {}).get("test", []))
    check("/health" in hc and (":%s/" % port) in hc, "meshbench healthcheck calls :%s/health" % port)
    return services, env


def check_full(services, env):
    url = env.get("MESHBENCH_DATABASE_URL") or ""
    m = re.match(r"postgresql://([^:@]+)(?::([^@]*))?@([^:/]+):(\d+)/(\w+)$", url)
    check(m is not None, "MESHBENCH_DATABASE_URL is a postgresql:// URL (%s)" % url)
    if m:
        pg = env_of(services.get("postgres", {}))
        check(m.group(3) == "postgres", "the database host is the postgres service")
        check((m.group(1), m.group(2), m.group(5)) == (pg.get("POSTGRES_USER"),
              pg.get("POSTGRES_PASSWORD"), pg.get("POSTGRES_DB")),
              "user, password and database agree with the postgres service")
    deps = services["meshbench"].get("depends_on", {})
    check(isinstance(deps, dict) and deps.get("postgres", {}).get("condition") == "service_healthy",
          "meshbench waits for a healthy postgres")

    prom = services.get("prometheus", {})
    args = prom.get("command", [])
    config = next((a.split("=", 1)[1] for a in args if a.startswith("--config.file=")), None)
    prom_mounts = {t: s for s, t, _ in mounts(prom)}
    src = prom_mounts.get(os.path.dirname(config or "/x/y"))
    check(src is not None and os.path.exists(os.path.join(ROOT, src, os.path.basename(config))),
          "Prometheus's --config.file %s comes from the repository (%s)" % (config, src))
    if src:
        pcfg = yaml.safe_load(read(os.path.join(src, os.path.basename(config))))
        targets = [t for j in pcfg["scrape_configs"] if j["job_name"] == "meshbench"
                   for sc in j.get("static_configs", []) for t in sc["targets"]]
        check(targets == ["meshbench:8000"], "prometheus.yml scrapes meshbench:8000 (%s)" % targets)
        for rf in pcfg.get("rule_files", []):
            check(os.path.exists(os.path.join(ROOT, src, rf)), "rule file %s exists" % rf)

    graf = services.get("grafana", {})
    gm = {t: s for s, t, _ in mounts(graf)}
    prov = gm.get("/etc/grafana/provisioning")
    check(prov == "./monitoring/grafana/provisioning", "Grafana provisioning is mounted")
    if prov:
        ds = yaml.safe_load(read("monitoring/grafana/provisioning/datasources/prometheus.yml"))
        check(ds["datasources"][0]["url"] == "http://prometheus:9090",
              "the Grafana datasource points at the prometheus service")
        dp = yaml.safe_load(read("monitoring/grafana/provisioning/dashboards/meshbench.yml"))
        path = dp["providers"][0]["options"]["path"]
        check(gm.get(path) == "./monitoring/grafana/dashboards",
              "the dashboard provider's path %s is the mounted dashboards folder" % path)
        home = env_of(graf).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", "")
        check(home.startswith(path + "/") and os.path.exists(os.path.join(
            ROOT, "monitoring/grafana/dashboards", os.path.basename(home))),
            "Grafana's home dashboard %s exists" % home)


def main():
    check_dockerfile()
    check_compose("docker-compose.yml", {"meshbench"})
    services, env = check_compose("docker-compose.full.yml",
                                  {"meshbench", "postgres", "prometheus", "grafana"})
    check_full(services, env)
    if problems:
        print("%d problem(s) in the Docker files" % len(problems))
        return 1
    print("Dockerfile, .dockerignore and compose files are consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
