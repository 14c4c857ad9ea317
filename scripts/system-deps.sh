#!/usr/bin/env bash
# Check the Debian/Ubuntu packages listed in scripts/system-packages.txt.
# As root, install the missing ones; otherwise print the exact command and fail.
# Usage: scripts/system-deps.sh [build|test]   (build: only the packages before "# Tests")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scope="${1:-test}"
packages=()
while IFS= read -r line; do
  [[ "$scope" == build && "$line" == "# Tests"* ]] && break
  [[ -z "$line" || "$line" == \#* ]] && continue
  packages+=("$line")
done < "$here/system-packages.txt"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Không phải hệ Debian/Ubuntu: hãy tự cài tương đương của: ${packages[*]}" >&2
  exit 0
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" == 0 ]]; then
  echo "Cài các gói hệ thống còn thiếu: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Thiếu các gói hệ thống: ${missing[*]}" >&2
  echo "Hãy chạy lệnh sau rồi thử lại:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
