#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian/Ubuntu machine: system packages (when missing), then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS=(chromium mosquitto mosquitto-clients postgresql libusb-1.0-0 espeak-ng sox fonts-dejavu-core fonts-liberation2)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: a clean install when node_modules is missing or older than the lock file
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # exactly the lock file's versions; a lock out of step with package.json is an error to fix, not to paper over
  npm ci --no-audit --no-fund --loglevel=error
fi
