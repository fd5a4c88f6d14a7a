#!/usr/bin/env bash
# Builds the launcher if needed, then runs Neo4j's own bulk importer (`neo4j-admin database import full`,
# from the same Neo4j artifacts as the server) on a launcher data dir, whose server must be stopped:
#   import.sh --data-dir DIR neo4j [neo4j-admin import options…]
# The identity graph's bulk load (subgraphs/identity/src/bulk-load.ts) writes the CSV files and calls this.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" != "--data-dir" || -z "${2:-}" ]]; then
  echo "usage: import.sh --data-dir DIR neo4j [neo4j-admin database import full options…]" >&2
  exit 64
fi
HOME_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"
shift 2
"$DIR/build.sh"
mkdir -p "$HOME_DIR/conf"
# The same extra JVM options as the server's (run.sh): the tests' -XX:TieredStopAtLevel=1 halves a short import too.
read -r -a EXTRA_OPTS <<<"${C360_NEO4J_JAVA_OPTS:-}"
NEO4J_HOME="$HOME_DIR" NEO4J_CONF="$HOME_DIR/conf" exec java "${EXTRA_OPTS[@]}" \
  -cp "$DIR/target/neo4j-launcher.jar:$DIR/target/lib/*" org.neo4j.cli.AdminTool database import full "$@"
