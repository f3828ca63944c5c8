#!/usr/bin/env bash
# Idempotent: installs rabbitmq-server, chromium and the deployment validators if missing, and makes sure no system broker
# started by the package is left running. Tests never use the system broker: Matching.Testing.RabbitMqBroker
# starts private nodes on free ports with their own epmd, cookie, config and data folder.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: run as root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# fonts-noto-cjk: Japanese glyphs in the browser tests' screenshots. docker-compose (`docker-compose config`) and
# kubectl (`kubectl kustomize`): the deployment files' validation in tests/Deploy.Tests. Any kubectl already on the
# PATH will do; Debian's is in the package kubernetes-client. poppler-utils (pdftotext, pdftoppm): the browser tests read
# the council print's PDF.
wanted=(rabbitmq-server chromium fonts-noto-cjk docker-compose poppler-utils)
command -v kubectl >/dev/null || wanted+=(kubernetes-client)
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  # Wait for any other apt/dpkg run (e.g. a background install) instead of failing on the lock.
  apt_opts=(-o DPkg::Lock::Timeout=600)
  if ! apt-cache policy "${missing[@]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get "${apt_opts[@]}" update
  fi
  echo "install.sh: installing ${missing[*]}"
  # policy-rc.d exit 101 stops the package's postinst from starting the system broker (where init scripts run).
  had_policy=0
  [[ -e /usr/sbin/policy-rc.d ]] && had_policy=1
  if ((had_policy == 0)); then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
  fi
  trap '((had_policy == 0)) && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
else
  echo "install.sh: ${wanted[*]} already installed"
fi

# A system broker is harmless (private nodes use other ports and their own epmd), but it costs memory and
# it would hold 5672/25672. Stop and disable it if the package started one.
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  if systemctl is-active --quiet rabbitmq-server || systemctl is-enabled --quiet rabbitmq-server 2>/dev/null; then
    echo "install.sh: stopping and disabling the system rabbitmq-server service"
    systemctl disable --now rabbitmq-server || true
  fi
elif [[ -x /etc/init.d/rabbitmq-server ]]; then
  # Do not call "/etc/init.d/rabbitmq-server status": it runs rabbitmqctl, which itself spawns an epmd on 4369.
  if ss -ltn 2>/dev/null | grep -qE ':5672\s' || { [[ -s /run/rabbitmq/pid ]] && kill -0 "$(cat /run/rabbitmq/pid)" 2>/dev/null; }; then
    echo "install.sh: stopping the system rabbitmq-server (sysvinit)"
    /etc/init.d/rabbitmq-server stop || true
  fi
  if command -v update-rc.d >/dev/null; then update-rc.d rabbitmq-server disable >/dev/null 2>&1 || true; fi
fi

# Report (do not kill) anything still on the default ports.
if command -v ss >/dev/null; then
  ss -ltnp 2>/dev/null | grep -E ':(5672|25672|4369)\s' || echo "install.sh: nothing listening on 5672/25672/4369"
fi

test -x /usr/lib/rabbitmq/bin/rabbitmq-server
echo "install.sh: rabbitmq-server $(dpkg-query -W -f='${Version}' rabbitmq-server), chromium $(dpkg-query -W -f='${Version}' chromium), $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'), kubectl $(kubectl version --client 2>/dev/null | head -1)"
