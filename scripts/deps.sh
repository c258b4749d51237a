#!/usr/bin/env bash
# Installs what `make run` and `make test` need and the machine lacks: a Java 17 JDK and Maven
# (for the local Neo4j, fetched from Maven Central) and the Go modules. Go itself must be present.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn  >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing ${need[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "deps: please install ${need[*]} (a Java 17 JDK and Maven); they run the local Neo4j" >&2
    exit 1
  fi
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
