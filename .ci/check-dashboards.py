#!/usr/bin/env python3
"""Every series that the Grafana dashboards and the alert rules query exists on a live /metrics.

Starts `meshbench serve --port 0` on a throwaway data directory, queues one job that completes and
one that fails (so the live run_* gauges, the latest_* gauges and the failed/completed counters
all appear), scrapes /metrics while the first runs and after both end, then checks, for every
PromQL expression in monitoring/grafana/dashboards/*.json and monitoring/prometheus/alerts.yml:
each metric name exists; each label a matcher, a by/on clause or a legend uses exists on those
metrics; each exact label value (label="value") occurs. It also checks that every panel uses the
provisioned datasource uid. Needs python3 with PyYAML (Debian: python3-yaml).

  .ci/check-dashboards.py platform/target/meshbench.jar
"""

import glob
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DASHBOARDS = sorted(glob.glob(os.path.join(ROOT, "monitoring/grafana/dashboards/*.json")))
ALERTS = os.path.join(ROOT, "monitoring/prometheus/alerts.yml")
DATASOURCES = os.path.join(ROOT, "monitoring/grafana/provisioning/datasources/prometheus.yml")

# Series Prometheus itself adds to every scrape, and the labels it attaches to every series.
SYNTHETIC = {"up": {"job", "instance"}, "scrape_duration_seconds": {"job", "instance"}}
TARGET_LABELS = {"job", "instance"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "inf", "nan"}

problems = []


def fail(msg):
    problems.append(msg)
    print("  MISSING: " + msg)


# ---------- the live server ----------

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_server(jar, data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESHBENCH_")}
    proc = subprocess.Popen(
        ["java", "-jar", jar, "serve", "--port", "0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    found = {}

    def read():
        for line in proc.stdout:
            sys.stdout.write("  serve| " + line)
            m = re.search(r"listening on (http://[^/\s]+)/", line)
            if m and "url" not in found:
                found["url"] = m.group(1)
    threading.Thread(target=read, daemon=True).start()
    deadline = time.time() + 90
    while "url" not in found:
        if proc.poll() is not None:
            raise SystemExit("meshbench serve exited with %d before listening" % proc.returncode)
        if time.time() > deadline:
            proc.kill()
            raise SystemExit("meshbench serve did not print its address within 90 s")
        time.sleep(0.1)
    return proc, found["url"]


def http(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read().decode()


def scrape_live(base, jar):
    data_dir = tempfile.mkdtemp(prefix="meshbench-dash-")
    proc, url = start_server(jar, data_dir)
    print("  server at " + url)
    try:
        ok_job = json.loads(http("POST", url + "/benchmarks/start",
                                 {"duration": 3, "warmup": 0, "rate": 200,
                                  "concurrent_connections": 4})[1])["job_id"]
        bad_job = json.loads(http("POST", url + "/benchmarks/start",
                                  {"duration": 1, "warmup": 0, "rate": 50,
                                   "service_url": "http://127.0.0.1:%d/" % free_port()})[1])["job_id"]
        print("  queued %s (completes) and %s (fails: dead URL)" % (ok_job, bad_job))
        during = None
        deadline = time.time() + 60
        while during is None and time.time() < deadline:
            text = http("GET", url + "/metrics")[1]
            if 'meshbench_run_requests_per_second{' in text and ok_job in text:
                during = text
            time.sleep(0.3)
        if during is None:
            raise SystemExit("no meshbench_run_requests_per_second series for %s within 60 s" % ok_job)
        statuses = {}
        while time.time() < deadline + 30:
            statuses = {j: json.loads(http("GET", url + "/benchmarks/jobs/" + j)[1])["status"]
                        for j in (ok_job, bad_job)}
            if all(s in ("completed", "failed", "cancelled", "interrupted")
                   for s in statuses.values()):
                break
            time.sleep(0.5)
        print("  final statuses: %s" % statuses)
        if statuses.get(ok_job) != "completed" or statuses.get(bad_job) != "failed":
            raise SystemExit("expected one completed and one failed job, got %s" % statuses)
        after = http("GET", url + "/metrics")[1]
        return during, after
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(["rm", "-rf", data_dir], check=False)


def parse_exposition(*texts):
    """metric name -> list of label dicts, from Prometheus text exposition."""
    series = {}
    line_re = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+\S+')
    label_re = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
    for text in texts:
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            m = line_re.match(line)
            if m:
                labels = dict(label_re.findall(m.group(3) or ""))
                series.setdefault(m.group(1), []).append(labels)
    return series


# ---------- PromQL, enough of it to find what an expression reads ----------

def analyse(expr):
    """(metric names, [(metric, label, op, value)], grouping labels) used by a PromQL expr."""
    selectors, grouping = [], set()
    s = re.sub(r"\[[^\]]*\]", " ", expr)  # range and subquery durations
    for m in re.finditer(r"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)", s):
        grouping.update(x.strip() for x in m.group(2).split(",") if x.strip())
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for m in re.finditer(r'([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}', s):
        name = m.group(1)
        if name and name not in KEYWORDS:
            names.add(name)
            for lm in re.finditer(r'([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"',
                                  m.group(2)):
                selectors.append((name, lm.group(1), lm.group(2), lm.group(3)))
    s = re.sub(r'\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}', " ", s)
    s = re.sub(r'"(?:[^"\\]|\\.)*"', " ", s)
    for m in re.finditer(r"(\$?)([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", s):
        if m.group(1) or m.group(3) or m.group(2).lower() in KEYWORDS:
            continue  # a Grafana variable, a function or an operator keyword
        if re.match(r"^\d", m.group(2)):
            continue
        names.add(m.group(2))
    return names, selectors, grouping


def labels_of(series, name):
    if name in SYNTHETIC:
        return set(SYNTHETIC[name])
    found = set(TARGET_LABELS)
    for labels in series.get(name, []):
        found.update(labels)
    return found


def check_expr(where, expr, series, legend=None):
    names, selectors, grouping = analyse(expr)
    if not names:
        fail("%s: no metric found in %r" % (where, expr))
        return set()
    for name in sorted(names):
        if name not in series and name not in SYNTHETIC:
            fail("%s: %s is not on /metrics (expr %r)" % (where, name, expr))
    for name, label, op, value in selectors:
        if name in SYNTHETIC or name not in series:
            continue
        if label not in labels_of(series, name):
            fail("%s: %s has no label %s" % (where, name, label))
        elif op == "=" and "$" not in value and label not in TARGET_LABELS:
            if not any(l.get(label) == value for l in series[name]):
                fail('%s: no %s{%s="%s"} on /metrics' % (where, name, label, value))
    known = set().union(*(labels_of(series, n) for n in names))
    for label in sorted(grouping - known):
        fail("%s: label %s (by/on) is on none of %s" % (where, label, sorted(names)))
    for label in re.findall(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}", legend or ""):
        if label not in known:
            fail("%s: legend label %s is on none of %s" % (where, label, sorted(names)))
    return names


def walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + "/" + str(k))
        yield path, node
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, "%s[%d]" % (path, i))


def check_dashboard(path, series, datasource_uid):
    dash = json.load(open(path))
    base = os.path.relpath(path, ROOT)
    used, ids = set(), set()
    for panel in dash.get("panels", []):
        if panel["id"] in ids:
            fail("%s: duplicate panel id %s" % (base, panel["id"]))
        ids.add(panel["id"])
        if panel.get("type") == "row":
            continue
        uid = (panel.get("datasource") or {}).get("uid")
        if uid != datasource_uid:
            fail("%s: panel %r uses datasource uid %r, provisioned is %r"
                 % (base, panel.get("title"), uid, datasource_uid))
        for t in panel.get("targets", []):
            where = "%s panel %r %s" % (base, panel.get("title"), t.get("refId"))
            used |= check_expr(where, t["expr"], series, t.get("legendFormat"))
    for var in dash.get("templating", {}).get("list", []):
        q = var.get("query")
        q = q.get("query") if isinstance(q, dict) else q
        m = re.match(r"\s*label_values\(\s*([^,]+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$", q or "")
        if not m:
            fail("%s: variable %s: cannot read query %r" % (base, var.get("name"), q))
            continue
        names = check_expr("%s variable %s" % (base, var["name"]), m.group(1), series)
        used |= names
        if not any(m.group(2) in labels_of(series, n) for n in names):
            fail("%s: variable %s: label %s not on %s" % (base, var["name"], m.group(2), names))
    return used


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    jar = os.path.abspath(sys.argv[1])
    if not DASHBOARDS:
        raise SystemExit("no dashboards under monitoring/grafana/dashboards")
    ds = yaml.safe_load(open(DATASOURCES))["datasources"][0]["uid"]
    print("scraping a live server (%s)" % os.path.relpath(jar, ROOT))
    during, after = scrape_live(ROOT, jar)
    # The exposition itself, by Prometheus's own linter: names, units, types, help.
    for label, text in (("during a run", during), ("after it", after)):
        lint = subprocess.run(["promtool", "check", "metrics"], input=text, text=True,
                              capture_output=True)
        if lint.returncode != 0:
            raise SystemExit("promtool check metrics (%s) failed:\n%s%s"
                             % (label, lint.stdout, lint.stderr))
        print("  promtool check metrics %s: ok" % label)
    series = parse_exposition(during, after)
    print("  %d metric names on /metrics" % len(series))
    used = set()
    for path in DASHBOARDS:
        used |= check_dashboard(path, series, ds)
    for group in yaml.safe_load(open(ALERTS))["groups"]:
        for rule in group["rules"]:
            used |= check_expr("alerts.yml %s" % rule.get("alert") or rule.get("record"),
                               rule["expr"], series)
    for name in sorted(used):
        print("  ok %-40s %s" % (name, "(made by Prometheus)" if name in SYNTHETIC
                                 else "%d series" % len(series.get(name, []))))
    if problems:
        print("%d problem(s): a dashboard or alert queries series that /metrics does not have"
              % len(problems))
        return 1
    print("every dashboard and alert series exists on a live /metrics (%d metrics)" % len(used))
    return 0


if __name__ == "__main__":
    sys.exit(main())
