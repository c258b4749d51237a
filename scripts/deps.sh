#!/usr/bin/env bash
# Installs what `make run` and `make test` need and the machine lacks: a Java 17 JDK and Maven
# (for the local Neo4j, fetched from Maven Central), Node.js and npm (the explorer's build) and the
# Go modules; with --browser, Debian's Chromium for the end-to-end tests. Go itself must be present.
set -euo pipefail

need=()
if [ "${1:-}" = --browser ]; then
  # The explorer's end-to-end tests drive Debian's Chromium (Playwright's own download cannot
  # reach its host from many networks); CHROMIUM_PATH points elsewhere if it lives elsewhere.
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium fonts-dejavu-core)
else
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn  >/dev/null 2>&1 || need+=(maven)
  command -v npm  >/dev/null 2>&1 || need+=(nodejs npm)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing ${need[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "deps: please install ${need[*]} (Java 17 and Maven run the local Neo4j, Node.js builds the explorer, Chromium runs its tests)" >&2
    exit 1
  fi
fi
[ "${1:-}" = --browser ] && exit 0
node_major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p')
if [ -n "$node_major" ] && [ "$node_major" -lt 20 ]; then
  echo "deps: Node.js $node_major found; the explorer's build needs Node.js 20 or newer" >&2
  exit 1
fi
if ! command -v go >/dev/null 2>&1; then
  echo "deps: Go is not installed; install Go 1.26 or newer (https://go.dev/dl/)" >&2
  exit 1
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ -n "$java_major" ] && [ "$java_major" -lt 17 ]; then
  echo "deps: Java $java_major found; Neo4j 5.26 needs Java 17 or newer" >&2
  exit 1
fi
go mod download
