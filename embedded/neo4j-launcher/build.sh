#!/usr/bin/env bash
# Builds the embedded Neo4j launcher only when needed.
#   - Maven build (thin jar + target/lib) when target/neo4j-launcher.jar or target/lib is
#     missing or older than pom.xml / anything under src/.
# No class-data-sharing archive: with one, Neo4j could not read its own time-zone table
# (TimeZones failed to initialise on the first zoned datetime read from an index).
# All progress goes to stderr, so callers can keep stdout clean.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$DIR/target/neo4j-launcher.jar"
LIB="$DIR/target/lib"


log() { echo "neo4j-launcher: $*" >&2; }

# Serialize concurrent builds (e.g. several test processes starting at once).
mkdir -p "$DIR/target"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR/target/.build.lock"
  flock 9
fi

needs_build() {
  [[ -f "$JAR" && -d "$LIB" ]] || return 0
  # any input newer than the jar or the lib dir?
  if [[ -n "$(find "$DIR/pom.xml" "$DIR/src" -newer "$JAR" -print -quit)" ]]; then return 0; fi
  if [[ -n "$(find "$DIR/pom.xml" "$DIR/src" -newer "$LIB" -print -quit)" ]]; then return 0; fi
  return 1
}

if needs_build; then
  command -v mvn >/dev/null 2>&1 || { log "ERROR: 'mvn' not found. Install Maven 3.8+ (e.g. apt-get install maven) and a JDK 17."; exit 1; }
  command -v java >/dev/null 2>&1 || { log "ERROR: 'java' not found. Install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)."; exit 1; }
  log "building Neo4j launcher with Maven (first time: downloads ~170 MB into ~/.m2, ~1 min)…"
  MVN_LOG="$(mktemp -t neo4j-launcher-mvn.XXXXXX)"
  # clean target/lib so that jars of an older Neo4j version do not linger on the classpath
  rm -rf "$LIB" "$DIR/target/neo4j-launcher.jsa"
  if ! (cd "$DIR" && mvn -B -q package -DskipTests) >"$MVN_LOG" 2>&1; then
    log "ERROR: Maven build failed (full output below, also kept in $MVN_LOG)."
    log "       Check network access to Maven Central and that JDK 17 is installed; then re-run $DIR/build.sh"
    cat "$MVN_LOG" >&2
    exit 1
  fi
  rm -f "$MVN_LOG"
  # make the outputs strictly newer than the inputs for the next up-to-date check
  touch "$JAR" "$LIB"
  log "build done."
fi
