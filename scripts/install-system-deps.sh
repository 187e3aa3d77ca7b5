#!/usr/bin/env bash
# Debian packages the tests use for real: OpenSSH client, Netmiko and Ansible (with the
# cisco.asa collection, shipped in Debian's ansible package), tinyproxy, Chromium, PostgreSQL (the
# history tests start throwaway clusters from /usr/lib/postgresql/*/bin), promtool (Debian's
# prometheus package; the metrics test lints the textfile with it).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
need=()
{ command -v ssh && command -v ssh-keygen; } >/dev/null || need+=(openssh-client)
/usr/bin/python3 -c 'import netmiko' 2>/dev/null || need+=(python3-netmiko)
command -v ansible-playbook >/dev/null || need+=(ansible)
command -v tinyproxy >/dev/null || need+=(tinyproxy)
command -v chromium >/dev/null || need+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
command -v promtool >/dev/null || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: need root to install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" ca-certificates >/dev/null
fi
# Daemons Debian's packages start that the tests do not want: tinyproxy on port 8888 (tests start
# their own on loopback), prometheus on port 9090 (the tests only need promtool).
if command -v systemctl >/dev/null; then
  for unit in tinyproxy prometheus; do
    if systemctl is-active --quiet "$unit" 2>/dev/null; then systemctl stop "$unit" || true; fi
  done
fi
# Debian's postgresql package starts a cluster on port 5432; tests start their own.
if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' |
    while read -r version cluster; do pg_ctlcluster "$version" "$cluster" stop || true; done
fi
echo "install-system-deps: ok ($(ssh -V 2>&1); netmiko $(/usr/bin/python3 -c 'import netmiko; print(netmiko.__version__)'); $(ansible --version | sed -n 1p); $(tinyproxy -v 2>&1 | sed -n 1p))"
