#!/usr/bin/env bash
# Chorus installer.
#   local  — run Chorus on this machine as plain processes (no Docker, no cluster).
# Cluster verbs (kind/minikube, Istio, canary) arrive with the Helm charts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCAL_DIR=${CHORUS_LOCAL_DIR:-$ROOT/.local}
READY_TIMEOUT=${CHORUS_READY_TIMEOUT:-180}

# Every deployable, in start order: name, HTTP port, management port. A service whose module
# does not exist yet is skipped, so this table can run ahead of the code.
SERVICES=(
  "member 8081 9081"
  "content 8082 9082"
  "timeline 8083 9083"
  "music 8084 9084"
  "chart 8085 9085"
  "activity 8086 9086"
  "search 8087 9087"
  "chat 8088 9088"
  "gateway 8080 9080"
)

say() { printf '%s\n' "$*"; }
die() { printf 'installer: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./installer.sh <verb> [args]

Verbs:
  local [up|down|status]   run Chorus on this machine as plain processes
  java-home                print the path of a JDK >= 21 found on this machine

Run './installer.sh <verb> --help' for details.
EOF
}

usage_local() {
  cat <<EOF
Usage: ./installer.sh local <up|down|status>

  up      build every module, start MariaDB, Redis, Kafka (KRaft) and a Mongo wire server
          as local processes (data under ${LOCAL_DIR#"$ROOT"/}), start every service module
          that exists, wait until each reports ready, print the URLs.
          Reuses running infrastructure and skips services that are already up.
  down    stop the services, then the infrastructure (data is kept; delete the folder to reset)
  status  show what runs, with readiness

Environment:
  CHORUS_LOCAL_DIR       where data, logs and pid files live (default: .local)
  CHORUS_MARIADB_URL     use this MariaDB/MySQL instead of starting one (mysql://user:pass@host:port)
  CHORUS_REDIS_URL       use this Redis instead of starting one (redis://host:port)
  CHORUS_READY_TIMEOUT   seconds to wait for readiness (default 180)
EOF
}

# --- JDK -------------------------------------------------------------------------------------

java_major() { # $1 = java binary; prints the major version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# Prints a JDK home with major version >= 21: $JAVA_HOME first, then the newest under
# /usr/lib/jvm, then whatever `java` is on PATH.
find_java_home() {
  local candidates=() c major
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  while IFS= read -r c; do candidates+=("$c"); done < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV)
  if command -v java >/dev/null; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [[ -x $c/bin/java && -x $c/bin/javac ]] || continue
    major=$(java_major "$c/bin/java")
    [[ -n $major && $major -ge 21 ]] && { printf '%s\n' "$c"; return 0; }
  done
  return 1
}

use_java() {
  JAVA_HOME=$(find_java_home) || die "no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, PATH). Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+."
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}

# --- processes -------------------------------------------------------------------------------

pid_file() { printf '%s/run/%s.pid\n' "$LOCAL_DIR" "$1"; }

running() { # $1 = name; true when its pid file names a live process
  local f; f=$(pid_file "$1")
  [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

stop_process() { # $1 = name; SIGTERM, wait up to 30 s (graceful shutdown), then SIGKILL
  local f pid i
  f=$(pid_file "$1")
  running "$1" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "  $1 did not stop in 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
  say "  stopped $1"
}

wait_for() { # $1 = description, $2... = command that succeeds when ready
  local what=$1 deadline=$((SECONDS + READY_TIMEOUT))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
  say "  $what is ready"
}

# --- infrastructure --------------------------------------------------------------------------

ENDPOINTS="$LOCAL_DIR/infra/endpoints.env"

start_infrastructure() {
  if running infra && [[ -f $ENDPOINTS ]]; then
    say "infrastructure: already running"
    return 0
  fi
  say "infrastructure: starting (MariaDB, Redis, Kafka KRaft, Mongo wire server)"
  local cp
  cp="$ROOT/services/platform/chorus-testkit/target/classes:$(cat "$LOCAL_DIR/testkit.classpath")"
  rm -f "$ENDPOINTS"
  nohup "$JAVA_HOME/bin/java" -Xmx768m -cp "$cp" io.chorus.testkit.local.LocalInfrastructure \
    --data-dir "$LOCAL_DIR/infra" >"$LOCAL_DIR/logs/infra.log" 2>&1 &
  echo $! >"$(pid_file infra)"
  if ! wait_for "infrastructure" test -s "$ENDPOINTS"; then
    tail -n 30 "$LOCAL_DIR/logs/infra.log" >&2 || true
    die "infrastructure did not come up within ${READY_TIMEOUT}s (log: $LOCAL_DIR/logs/infra.log)"
  fi
  running infra || die "infrastructure exited (log: $LOCAL_DIR/logs/infra.log)"
}

# --- services --------------------------------------------------------------------------------

service_jar() { # $1 = name; the runnable Boot jar of that module, if it was built
  local f
  for f in "$ROOT/services/$1/target/$1"-*-exec.jar; do
    [[ -f $f ]] && { printf '%s\n' "$f"; return 0; }
  done
  return 1
}

# Translates the infrastructure endpoints (CHORUS_*_URL from endpoints.env) into the standard
# Spring properties of one service: its own database and Mongo database carry its name.
service_environment() { # $1 = name
  local db=$1 rest creds hostport
  rest=${CHORUS_MARIADB_URL#*://}
  creds=${rest%@*}
  hostport=${rest##*@}
  export SPRING_R2DBC_URL="r2dbc:mysql://$hostport/$db" SPRING_FLYWAY_URL="jdbc:mariadb://$hostport/$db"
  export SPRING_R2DBC_USERNAME=${creds%%:*} SPRING_R2DBC_PASSWORD=${creds#*:}
  export SPRING_FLYWAY_USER=$SPRING_R2DBC_USERNAME SPRING_FLYWAY_PASSWORD=$SPRING_R2DBC_PASSWORD
  hostport=${CHORUS_REDIS_URL#*://}
  hostport=${hostport##*@}
  export SPRING_DATA_REDIS_HOST=${hostport%:*} SPRING_DATA_REDIS_PORT=${hostport##*:}
  export SPRING_MONGODB_URI="$CHORUS_MONGODB_URI/$db"
  # Services verify passports with the gateway's public key, served on its management port.
  export CHORUS_PASSPORT_JWKS_URI="http://127.0.0.1:9080/internal/passport/jwks.json"
}

start_service() { # $1 = name, $2 = port, $3 = management port
  local name=$1 port=$2 mgmt=$3 jar
  jar=$(service_jar "$name") || { say "  $name: module not built, skipped"; return 0; }
  if running "$name"; then
    say "  $name: already running"
    return 0
  fi
  (
    set -a
    # shellcheck disable=SC1090,SC1091
    . "$ENDPOINTS"
    # shellcheck disable=SC1090,SC1091
    . "$LOCAL_DIR/infra/secrets.env"
    set +a
    service_environment "$name"
    export SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mgmt CHORUS_LOGGING_FORMAT=${CHORUS_LOGGING_FORMAT:-plain}
    exec nohup "$JAVA_HOME/bin/java" -Xmx384m -jar "$jar" >"$LOCAL_DIR/logs/$name.log" 2>&1
  ) &
  echo $! >"$(pid_file "$name")"
  say "  $name: starting on :$port (management :$mgmt)"
}

ready() { curl -fsS "http://127.0.0.1:$1/actuator/health/readiness"; }

each_service() { # $1 = function called with name, port, management port for existing modules
  local entry name port mgmt
  for entry in "${SERVICES[@]}"; do
    read -r name port mgmt <<<"$entry"
    [[ -d $ROOT/services/$name ]] && "$1" "$name" "$port" "$mgmt"
  done
  return 0
}

wait_ready() { # $1 = name, $2 = port, $3 = management port
  wait_for "$1" ready "$3" || die "$1 not ready within ${READY_TIMEOUT}s (log: $LOCAL_DIR/logs/$1.log)"
}

print_service() { # $1 = name, $2 = port, $3 = management port
  local state=stopped
  if running "$1"; then
    state=starting
    ready "$3" >/dev/null 2>&1 && state=ready
  fi
  printf '  %-9s %-8s http://127.0.0.1:%s  (health: http://127.0.0.1:%s/actuator/health)\n' "$1" "$state" "$2" "$3"
}

stop_service() { stop_process "$1"; }

# --- verbs -----------------------------------------------------------------------------------

local_up() {
  command -v curl >/dev/null || die "curl is required (apt-get install curl)"
  use_java
  mkdir -p "$LOCAL_DIR/run" "$LOCAL_DIR/logs" "$LOCAL_DIR/infra"
  say "build: ./mvnw package (tests skipped; run them with ./mvnw verify)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "build failed"
  (cd "$ROOT" && ./mvnw -q -B -pl services/platform/chorus-testkit dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$LOCAL_DIR/testkit.classpath") ||
    die "could not resolve the testkit classpath"
  start_infrastructure
  say "services:"
  each_service start_service
  each_service wait_ready
  say
  say "Chorus is up. Infrastructure endpoints: $ENDPOINTS"
  each_service print_service
  say "Logs: $LOCAL_DIR/logs   Stop: ./installer.sh local down"
}

local_down() {
  say "stopping services"
  local i entry name
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do # reverse start order: gateway first
    entry=${SERVICES[i]}
    name=${entry%% *}
    stop_service "$name"
  done
  say "stopping infrastructure"
  stop_process infra
}

local_status() {
  if running infra; then
    say "infrastructure: running"
    [[ -f $ENDPOINTS ]] && sed 's/^/  /; s/:[^:@/]*@/:***@/' "$ENDPOINTS"
  else
    say "infrastructure: stopped"
  fi
  say "services:"
  each_service print_service
}

main() {
  local verb=${1:-}
  shift || true
  case $verb in
    local)
      local action=${1:-up}
      case $action in
        up) local_up ;;
        down) local_down ;;
        status) local_status ;;
        -h | --help | help) usage_local ;;
        *) usage_local >&2; die "unknown local action '$action'" ;;
      esac
      ;;
    java-home)
      [[ ${1:-} == -h || ${1:-} == --help ]] && { say "Usage: ./installer.sh java-home   (prints a JDK >= 21 home, exit 1 if none)"; return 0; }
      find_java_home || die "no JDK 21 or newer found"
      ;;
    -h | --help | help | "") usage ;;
    *) usage >&2; die "unknown verb '$verb'" ;;
  esac
}

main "$@"
