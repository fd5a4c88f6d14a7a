#!/usr/bin/env bash
# Builds the launcher if needed, then runs it in the foreground (exec: signals go straight to the JVM).
# All arguments are passed to dev.c360.Neo4jLauncher (see README.md). stdout carries only the ready line.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$DIR/build.sh"

mapfile -t JVM_OPTS < <(grep -v '^[[:space:]]*$' "$DIR/jvm.options")

exec java "${JVM_OPTS[@]}" -cp "$DIR/target/neo4j-launcher.jar:$DIR/target/lib/*" dev.c360.Neo4jLauncher "$@"
