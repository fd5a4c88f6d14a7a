#!/usr/bin/env bash
# Builds the launcher if needed, then runs it in the foreground (exec: signals go straight to the JVM).
# All arguments are passed to dev.c360.Neo4jLauncher (see README.md). stdout carries only the ready line.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$DIR/build.sh"

mapfile -t JVM_OPTS < <(grep -v '^[[:space:]]*$' "$DIR/jvm.options")
# More JVM options from the environment, after jvm.options (space-separated). The tests set
# -XX:TieredStopAtLevel=1: for their short runs, C1 alone halves Neo4j's CPU (no C2 compiling).
read -r -a EXTRA_OPTS <<<"${C360_NEO4J_JAVA_OPTS:-}"

exec java "${JVM_OPTS[@]}" "${EXTRA_OPTS[@]}" -cp "$DIR/target/neo4j-launcher.jar:$DIR/target/lib/*" dev.c360.Neo4jLauncher "$@"
