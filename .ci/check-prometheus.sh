#!/usr/bin/env bash
# Prometheus configuration and rules under monitoring/prometheus/, checked with promtool:
#   promtool check config  prometheus.yml, kubernetes-jobs.yml
#   promtool check rules   alerts.yml
#   promtool test rules    alerts-test.yml (the alerts fire when they should, and only then)
#
# Debian's promtool is built without Kubernetes service discovery, so it cannot parse
# kubernetes_sd_configs. When that is the case, kubernetes-jobs.yml is checked with each
# kubernetes_sd_configs block replaced by a static target (promtool then validates every job,
# relabelling rule and regex) and the replaced blocks are checked against the fields Kubernetes
# discovery accepts. This is said loudly; an upstream promtool checks the file as it is.
#
#   .ci/check-prometheus.sh    (needs promtool and python3 with PyYAML)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../monitoring/prometheus"

python="${PYTHON:-python3}"
promtool --version 2>&1 | head -n 1

promtool check config prometheus.yml
promtool check rules alerts.yml
promtool test rules alerts-test.yml

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
if promtool check config kubernetes-jobs.yml >"$work/k8s.txt" 2>&1; then
  cat "$work/k8s.txt"
elif grep -q "field kubernetes_sd_configs not found" "$work/k8s.txt"; then
  echo "NOTE: this promtool has no Kubernetes service discovery (Debian builds it without);"
  echo "      checking kubernetes-jobs.yml with static targets in place of kubernetes_sd_configs."
  "$python" - kubernetes-jobs.yml "$work/static.yml" <<'EOF'
import sys, yaml
src, dst = sys.argv[1], sys.argv[2]
cfg = yaml.safe_load(open(src))
roles = {"node", "service", "pod", "endpoints", "endpointslice", "ingress"}
fields = {"role", "namespaces", "selectors", "api_server", "kubeconfig_file", "attach_metadata",
          "basic_auth", "authorization", "oauth2", "tls_config", "proxy_url", "follow_redirects",
          "enable_http2"}
bad = []
for job in cfg["scrape_configs"]:
    for sd in job.pop("kubernetes_sd_configs", []):
        if sd.get("role") not in roles:
            bad.append("%s: role %r is not one of %s" % (job["job_name"], sd.get("role"), sorted(roles)))
        for key in set(sd) - fields:
            bad.append("%s: unknown kubernetes_sd_configs field %r" % (job["job_name"], key))
        ns = sd.get("namespaces", {})
        if ns and not (set(ns) <= {"names", "own_namespace"} and isinstance(ns.get("names", []), list)):
            bad.append("%s: namespaces must be {names: [...]}" % job["job_name"])
        job.setdefault("static_configs", []).append({"targets": ["stand-in.invalid:80"]})
if bad:
    sys.exit("kubernetes-jobs.yml:\n  " + "\n  ".join(bad))
yaml.safe_dump(cfg, open(dst, "w"), sort_keys=False)
print("kubernetes_sd_configs blocks: roles and fields valid (%d jobs)" % len(cfg["scrape_configs"]))
EOF
  promtool check config "$work/static.yml"
else
  cat "$work/k8s.txt" >&2
  exit 1
fi
