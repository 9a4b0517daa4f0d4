#!/usr/bin/env python3
"""Runs the shell commands of README.md and QUICKSTART.md as a new user would copy them.

Every ```sh block is read; continuation lines are joined; each command runs with bash from a
scratch directory that looks like a checkout (symlinks to the repository's files), so outputs such
as base.json or results/ never land in the repository. To stay bounded in time and on loopback:

  - durations are shortened (--duration 1s, --step-duration 1s, "duration":1, TEST_DURATION=1) and each command has a
    time limit;
  - the ports the docs use (8000 for serve, 8080 for target; gRPC's 50051 becomes 0) become free
    ports: one server and one
    target start first, and `serve` / `target` commands themselves are started in the background,
    checked to listen, and stopped;
  - curl gets --fail-with-body, so an HTTP error fails the check; ID in a URL is the last job id;
  - commands that need what CI does not have (Docker, a clone, the full test suite, which CI runs
    anyway) are reported as SKIPPED with the reason.

A command passes when it exits 0 (or 99, an SLO breach, when it has --slo).

  .ci/check-doc-commands.py platform/target/meshbench.jar
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DOCS = ["README.md", "QUICKSTART.md"]
TIME_LIMIT_S = 120
SKIP = [
    (r"^git clone", "needs a network clone"),
    (r"^docker ", "no Docker engine in CI"),
    (r"^cp \.env\.example", "part of the Docker path"),
    (r"^\./mvnw -B verify", "the full test suite: .ci/run runs it first"),
    (r"^kill %", "job control: the check stops its own background processes"),
    (r"^open ", "opens a browser"),
    (r"compare base\.json istio\.json", "illustrative file names; QUICKSTART compares real ones"),
]

failures = []
passed = 0
skipped = []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, proc, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def commands(doc):
    text = open(os.path.join(ROOT, doc)).read()
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def adapt(cmd, ports):
    cmd = re.sub(r"--duration \d+(ms|s|m)", "--duration 1s", cmd)
    cmd = re.sub(r"--step-duration \d+(ms|s|m)", "--step-duration 1s", cmd)
    cmd = re.sub(r'"duration":\s*\d+', '"duration":1', cmd)
    cmd = re.sub(r"TEST_DURATION=\d+", "TEST_DURATION=1", cmd)
    cmd = cmd.replace(":8000", ":%d" % ports["serve"]).replace(":8080", ":%d" % ports["target"])
    cmd = re.sub(r"\bcurl ", "curl -sS --fail-with-body --max-time 60 ", cmd)
    if ports.get("job"):
        cmd = cmd.replace("/jobs/ID/", "/jobs/%s/" % ports["job"])
    if re.match(r"^\./meshbench run\b", cmd) and "--duration" not in cmd:
        cmd = cmd.replace("./meshbench run", "./meshbench run --duration 1s", 1)
    return cmd


def background(cmd, port, work, env):
    """Starts a serve/target command with its port replaced, checks it listens, stops it."""
    global passed
    if "serve" in cmd:
        cmd = re.sub(r"(\./meshbench serve)", r"\1 --port %d" % port, cmd)
    else:
        cmd = re.sub(r"--http-port \d+", "--http-port %d --grpc-port 0" % port, cmd)
    cmd = re.sub(r"\s+#.*$", "", cmd).rstrip("&").strip()
    proc = subprocess.Popen(["bash", "-c", "exec " + cmd], cwd=work, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ok = wait_listening(port, proc)
    proc.terminate()
    try:
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        proc.kill()
    if ok:
        passed += 1
        print("  PASS (listens, stopped) " + cmd)
    else:
        failures.append(cmd)
        print("  FAIL did not listen: " + cmd + "\n" + (proc.stderr.read() or "")[-2000:])


def main():
    global passed
    jar = sys.argv[1] if len(sys.argv) > 1 else "platform/target/meshbench.jar"
    if not os.path.exists(os.path.join(ROOT, jar)):
        sys.exit("check-doc-commands: %s is missing; build it first" % jar)
    work = tempfile.mkdtemp(prefix="meshbench-doc-commands-")
    for name in os.listdir(ROOT):
        if name not in (".git", "data", "results"):
            os.symlink(os.path.join(ROOT, name), os.path.join(work, name))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESHBENCH_")}
    ports = {"serve": free_port(), "target": free_port()}
    services = [
        subprocess.Popen(["java", "-jar", os.path.join(ROOT, jar), "serve", "--port",
                          str(ports["serve"]), "--data-dir", work + "-server-data"],
                         cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(["java", "-jar", os.path.join(ROOT, jar), "target", "--http-port",
                          str(ports["target"]), "--grpc-port", "0"],
                         cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        for svc, port in zip(services, (ports["serve"], ports["target"])):
            if not wait_listening(port, svc):
                sys.exit("check-doc-commands: a helper server did not start on %d" % port)
        for doc in DOCS:
            print(doc)
            for raw in commands(doc):
                reason = next((why for rx, why in SKIP if re.search(rx, raw)), None)
                if reason:
                    skipped.append("%s: %s (%s)" % (doc, raw, reason))
                    print("  SKIPPED %s (%s)" % (raw, reason))
                    continue
                if re.match(r"^\./meshbench (serve|target)\b", raw):
                    background(raw, free_port(), work, env)
                    continue
                cmd = adapt(raw, ports)
                try:
                    r = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], cwd=work,
                                       env=env, capture_output=True, text=True,
                                       timeout=TIME_LIMIT_S)
                    code, out, err = r.returncode, r.stdout, r.stderr
                except subprocess.TimeoutExpired as e:
                    code, out, err = "timeout", str(e.stdout or ""), str(e.stderr or "")
                ok_codes = (0, 99) if "--slo" in cmd else (0,)
                if code in ok_codes:
                    passed += 1
                    print("  PASS %s" % cmd)
                    m = re.search(r'"job_id"\s*:\s*"([^"]+)"', out)
                    if m and "/benchmarks/start" in cmd:
                        ports["job"] = m.group(1)
                else:
                    failures.append(cmd)
                    print("  FAIL (exit %s) %s\n%s%s" % (code, cmd, out[-1500:], err[-1500:]))
    finally:
        for svc in services:
            svc.terminate()
        for svc in services:
            try:
                svc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                svc.kill()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(work + "-server-data", ignore_errors=True)
    print("doc commands: %d passed, %d failed, %d skipped" % (passed, len(failures),
                                                             len(skipped)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
