#!/usr/bin/env bash
# Builds the embedded Neo4j launcher only when needed.
#   - Maven build (thin jar + target/lib) when target/neo4j-launcher.jar or target/lib is
#     missing or older than pom.xml / anything under src/.
#   - Then (best effort) a class-data-sharing archive target/neo4j-launcher.jsa, made by one
#     training start of the launcher; it cuts JVM startup by ~1.5 s. Set NEO4J_LAUNCHER_CDS=0 to skip.
# All progress goes to stderr, so callers can keep stdout clean.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$DIR/target/neo4j-launcher.jar"
LIB="$DIR/target/lib"
JSA="$DIR/target/neo4j-launcher.jsa"

log() { echo "neo4j-launcher: $*" >&2; }

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
  rm -rf "$LIB" "$JSA"
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

# Class-data-sharing archive (optional: run.sh works without it).
if [[ "${NEO4J_LAUNCHER_CDS:-1}" != "0" ]] && { [[ ! -f "$JSA" ]] || [[ "$JAR" -nt "$JSA" ]]; }; then
  log "creating class-data-sharing archive for faster startup (one-time, ~20 s)…"
  TMP_DATA="$(mktemp -d -t neo4j-launcher-cds.XXXXXX)"
  CDS_LOG="$TMP_DATA.log"
  mapfile -t JVM_OPTS < <(grep -v '^[[:space:]]*$' "$DIR/jvm.options")
  rm -f "$JSA"
  # --port 0: any free port; stdin from /dev/null + --exit-on-stdin-close: exit right after the ready line.
  if java "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$JSA" \
       -cp "$JAR:$LIB/*" dev.c360.Neo4jLauncher \
       --port 0 --listen 127.0.0.1 --data-dir "$TMP_DATA" --exit-on-stdin-close \
       </dev/null >"$CDS_LOG" 2>&1 && [[ -s "$JSA" ]]; then
    rm -f "$CDS_LOG"
  else
    log "warning: could not create the CDS archive (startup will just be slower); log: $CDS_LOG"
    rm -f "$JSA"
  fi
  rm -rf "$TMP_DATA"
fi
