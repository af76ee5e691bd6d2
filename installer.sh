#!/usr/bin/env bash
# Chorus installer.
#   local   — run Chorus on this machine as plain processes (no Docker, no cluster).
#   up/down/status — a kind (or minikube) cluster with Istio and the Helm chart.
#   canary  — progressive delivery of one service through the mesh (see charts/README.md).
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
  "web 8089 9089"
  "gateway 8080 9080"
)

say() { printf '%s\n' "$*"; }
die() { printf 'installer: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./installer.sh <verb> [args]

Verbs:
  local [up|down|status]   run Chorus on this machine as plain processes
  up [--provider kind|minikube] [--skip-build]
                           create a local cluster, install metrics-server, Istio, Prometheus and
                           the chart (images built with Jib and loaded into the cluster)
  down                     delete the local cluster
  status                   show the cluster, the release and the pods
  canary <service> <start --tag T|weight N|promote|abort|status [--timeout D]|auto ...>
                           progressive delivery of one service (see charts/README.md)
  java-home                print the path of a JDK >= 21 found on this machine

Run './installer.sh <verb> --help' for details.
EOF
}

usage_local() {
  cat <<EOF
Usage: ./installer.sh local <up|down|status>
       ./installer.sh local variant NAME SERVICE PORT MANAGEMENT_PORT [VAR=VALUE ...]
       ./installer.sh local stop NAME

  up      build every module, start MariaDB, Redis, Kafka (KRaft) and a Mongo wire server
          as local processes (data under ${LOCAL_DIR#"$ROOT"/}), start every service module
          that exists, wait until each reports ready, print the URLs (last: the web UI to open).
          Reuses running infrastructure and skips services that are already up.
  down    stop the services, then the infrastructure (data is kept; delete the folder to reset)
  status  show what runs, with readiness
  variant start one more instance of SERVICE named NAME beside the running stack, on its own
          ports, with extra settings as environment variables (the bench compares settings
          this way); waits until it is ready. 'local down' stops variants too.
  stop    stop one instance (a variant) by NAME

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
  # Music's uploaded tracks and images live with the rest of the local data.
  export CHORUS_MUSIC_MEDIA_DIR="$LOCAL_DIR/music-media"
}

start_service() { # $1 = name, $2 = port, $3 = management port
  local name=$1 port=$2 mgmt=$3
  service_jar "$name" >/dev/null || { say "  $name: module not built, skipped"; return 0; }
  if running "$name"; then
    say "  $name: already running"
    return 0
  fi
  launch "$name" "$name" "$port" "$mgmt"
  say "  $name: starting on :$port (management :$mgmt)"
}

launch() { # $1 = instance name, $2 = module, $3 = port, $4 = management port, $5... = extra VAR=VALUE
  local name=$1 module=$2 port=$3 mgmt=$4 jar
  shift 4
  jar=$(service_jar "$module") || die "$module is not built (./mvnw -DskipTests package)"
  (
    set -a
    # shellcheck disable=SC1090,SC1091
    . "$ENDPOINTS"
    # shellcheck disable=SC1090,SC1091
    . "$LOCAL_DIR/infra/secrets.env"
    set +a
    service_environment "$module"
    export SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mgmt CHORUS_LOGGING_FORMAT=${CHORUS_LOGGING_FORMAT:-plain}
    local setting
    for setting in "$@"; do
      export "${setting?}"
    done
    exec nohup "$JAVA_HOME/bin/java" -Xmx384m -jar "$jar" >"$LOCAL_DIR/logs/$name.log" 2>&1
  ) &
  echo $! >"$(pid_file "$name")"
}

# An extra instance of one service beside the running stack (the bench compares settings this
# way): same infrastructure and secrets, its own ports, pid file and log, plus VAR=VALUE settings.
local_variant() { # $1 = instance name, $2 = module, $3 = port, $4 = management port, $5... = VAR=VALUE
  (($# >= 4)) || die "usage: ./installer.sh local variant NAME SERVICE PORT MANAGEMENT_PORT [VAR=VALUE ...]"
  use_java
  { running infra && [[ -f $ENDPOINTS ]]; } || die "the local stack is not running (./installer.sh local up)"
  running "$1" && die "$1 is already running"
  launch "$@"
  say "  $1 ($2): starting on :$3 (management :$4)"
  wait_for "$1" ready "$4" || die "$1 not ready within ${READY_TIMEOUT}s (log: $LOCAL_DIR/logs/$1.log)"
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
  say
  # The web client is served through the gateway, on the same origin as the API.
  if [[ -d $ROOT/services/web ]]; then
    say "Open Chorus in your browser: http://127.0.0.1:8080/"
  else
    say "API: http://127.0.0.1:8080/api/"
  fi
}

local_down() {
  say "stopping services"
  local i entry name
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do # reverse start order: gateway first
    entry=${SERVICES[i]}
    name=${entry%% *}
    stop_service "$name"
  done
  local f
  for f in "$LOCAL_DIR"/run/*.pid; do # variants started beside the stack
    [[ -f $f ]] || continue
    name=$(basename "$f" .pid)
    [[ $name == infra ]] || stop_process "$name"
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

# --- cluster (kind / minikube) ---------------------------------------------------------------

CLUSTER=${CHORUS_CLUSTER:-chorus}
NAMESPACE=${CHORUS_NAMESPACE:-chorus}
RELEASE=${CHORUS_RELEASE:-chorus}
CHART="$ROOT/charts/chorus"
MVN=${CHORUS_MVN:-$ROOT/mvnw}
HTTP_PORT=${CHORUS_HTTP_PORT:-8880}
PROMETHEUS_URL=${CHORUS_PROMETHEUS_URL:-}
STATE_DIR=${CHORUS_STATE_DIR:-$ROOT/.local/cluster}
# shellcheck source=istio/versions.env
. "$ROOT/istio/versions.env"

need() { # $1 = command, $2 = how to get it
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but was not found on PATH. $2"
}

provider_file() { printf '%s/provider\n' "$STATE_DIR"; }

current_provider() {
  if [[ -f $(provider_file) ]]; then cat "$(provider_file)"; else echo kind; fi
}

cluster_exists() { # $1 = provider
  case $1 in
    kind) kind get clusters 2>/dev/null | grep -x "$CLUSTER" >/dev/null ;;
    minikube) minikube status -p "$CLUSTER" >/dev/null 2>&1 ;;
  esac
}

create_cluster() { # $1 = provider
  if cluster_exists "$1"; then
    say "cluster: $1 '$CLUSTER' already exists"
    return 0
  fi
  say "cluster: creating $1 '$CLUSTER'"
  case $1 in
    kind)
      local config="$STATE_DIR/kind.yaml"
      cat >"$config" <<KIND
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    extraPortMappings:
      - containerPort: 30080
        hostPort: $HTTP_PORT
        protocol: TCP
KIND
      kind create cluster --name "$CLUSTER" --image "$KIND_NODE_IMAGE" --config "$config" --wait 120s
      ;;
    minikube)
      minikube start -p "$CLUSTER" --cpus 4 --memory 12g --kubernetes-version "${KIND_NODE_IMAGE##*:}"
      ;;
  esac
}

kube_context() { # $1 = provider
  case $1 in
    kind) printf 'kind-%s\n' "$CLUSTER" ;;
    minikube) printf '%s\n' "$CLUSTER" ;;
  esac
}

install_metrics_server() { # $1 = provider
  say "metrics-server: $METRICS_SERVER_CHART_VERSION"
  if [[ $1 == minikube ]]; then
    minikube -p "$CLUSTER" addons enable metrics-server
    return 0
  fi
  helm repo add metrics-server https://kubernetes-sigs.github.io/metrics-server/ --force-update >/dev/null
  helm upgrade --install metrics-server metrics-server/metrics-server -n kube-system \
    --version "$METRICS_SERVER_CHART_VERSION" --set 'args={--kubelet-insecure-tls}' --wait
}

install_istio() {
  say "istio: $ISTIO_VERSION (base, istiod, ingress gateway), mesh policy, Prometheus"
  helm repo add istio https://istio-release.storage.googleapis.com/charts --force-update >/dev/null
  helm upgrade --install istio-base istio/base -n istio-system --create-namespace \
    --version "$ISTIO_VERSION" -f "$ROOT/istio/base-values.yaml" --wait
  helm upgrade --install istiod istio/istiod -n istio-system \
    --version "$ISTIO_VERSION" -f "$ROOT/istio/istiod-values.yaml" --wait
  helm upgrade --install istio-ingressgateway istio/gateway -n istio-system \
    --version "$ISTIO_VERSION" -f "$ROOT/istio/ingress-values.yaml" --wait
  kubectl apply -f "$ROOT/istio/gateway.yaml" -f "$ROOT/istio/peer-authentication.yaml" -f "$ROOT/istio/telemetry.yaml"
  # Istio's Prometheus addon, pinned to the Istio release (canary auto reads the mesh metrics).
  kubectl apply -f "https://raw.githubusercontent.com/istio/istio/$ISTIO_VERSION/samples/addons/prometheus.yaml"
}

image_tag() {
  if [[ -n ${CHORUS_IMAGE_TAG:-} ]]; then
    printf '%s\n' "$CHORUS_IMAGE_TAG"
  else
    local tag
    tag=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null) || tag=dev
    git -C "$ROOT" diff --quiet 2>/dev/null || tag="$tag-dirty"
    printf '%s\n' "$tag"
  fi
}

build_and_load_images() { # $1 = provider, $2 = tag
  local provider=$1 tag=$2 tar
  say "images: Jib tarballs tagged $tag"
  "$MVN" -q -B -DskipTests package jib:buildTar -Djib.image.registry=chorus -Djib.image.tag="$tag" ||
    die "image build failed (./mvnw package jib:buildTar)"
  for tar in "$ROOT"/services/*/target/jib-image.tar; do
    [[ -f $tar ]] || continue
    say "  loading $(basename "$(dirname "$(dirname "$tar")")")"
    case $provider in
      kind) kind load image-archive "$tar" --name "$CLUSTER" ;;
      minikube) minikube -p "$CLUSTER" image load "$tar" ;;
    esac
  done
}

install_chart() { # $1 = tag
  say "chart: $RELEASE in namespace $NAMESPACE"
  kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
  kubectl label namespace "$NAMESPACE" istio-injection=enabled --overwrite
  helm upgrade --install "$RELEASE" "$CHART" -n "$NAMESPACE" -f "$CHART/ci/kind-values.yaml" \
    --set global.imageTag="$1" --wait --timeout 15m
}

cluster_up() {
  local provider=kind skip_build=false
  while (($#)); do
    case $1 in
      --provider) provider=${2:-}; shift 2 ;;
      --skip-build) skip_build=true; shift ;;
      -h | --help) say "Usage: ./installer.sh up [--provider kind|minikube] [--skip-build]"; return 0 ;;
      *) die "unknown option for up: $1" ;;
    esac
  done
  [[ $provider == kind || $provider == minikube ]] || die "unknown provider '$provider' (kind or minikube)"
  need "$provider" "See https://kind.sigs.k8s.io or https://minikube.sigs.k8s.io for installation."
  need kubectl "See https://kubernetes.io/docs/tasks/tools/"
  need helm "See https://helm.sh/docs/intro/install/ (Helm 3.14 or newer)"
  need curl "apt-get install curl"
  [[ $skip_build == true ]] || use_java
  mkdir -p "$STATE_DIR"
  printf '%s\n' "$provider" >"$(provider_file)"
  create_cluster "$provider"
  kubectl config use-context "$(kube_context "$provider")" >/dev/null
  install_metrics_server "$provider"
  install_istio
  local tag
  tag=$(image_tag)
  [[ $skip_build == true ]] || build_and_load_images "$provider" "$tag"
  install_chart "$tag"
  say
  say "Chorus is up on $provider cluster '$CLUSTER' (images $tag)."
  say "  API:        http://chorus.localtest.me:$HTTP_PORT/api/…"
  say "  Prometheus: kubectl -n istio-system port-forward svc/prometheus 9090"
  say "  Test:       helm test $RELEASE -n $NAMESPACE"
  say "  Canary:     ./installer.sh canary <service> start --tag <tag>"
}

cluster_down() {
  local provider
  provider=$(current_provider)
  if ! cluster_exists "$provider"; then
    say "cluster: $provider '$CLUSTER' does not exist"
    return 0
  fi
  case $provider in
    kind) kind delete cluster --name "$CLUSTER" ;;
    minikube) minikube delete -p "$CLUSTER" ;;
  esac
  rm -f "$(provider_file)"
  say "cluster: deleted"
}

cluster_status() {
  local provider
  provider=$(current_provider)
  if ! cluster_exists "$provider"; then
    say "cluster: $provider '$CLUSTER' does not exist (./installer.sh up)"
    return 1
  fi
  say "cluster: $provider '$CLUSTER'"
  helm status "$RELEASE" -n "$NAMESPACE" || true
  kubectl get pods -n "$NAMESPACE" -L version
}

# --- canary ------------------------------------------------------------------------------------

usage_canary() {
  cat <<'EOF2'
Usage: ./installer.sh canary <service> <action>

  start --tag T         run a second Deployment (<service>-canary, version=canary) with image tag T, weight 0
  weight N              send N % of the service's traffic to the canary (0..100)
  promote               make T the stable tag, wait for the rollout, remove the canary
  abort                 remove the canary, all traffic back to stable
  status [--timeout D]  exit 0 when the canary is ready (waits up to D, default 0s),
                        1 when it is not ready, 2 when no canary runs
  auto --steps 5,25,50,100 --interval 60s --max-error-rate 0.01 --max-p99 500
       [--min-requests 20] [--max-error-increase 0.005] [--max-p99-ratio 1.5]
                        raise the weight step by step; after each interval, read the canary's
                        request count, 5xx rate and p99 (ms) and the stable version's from
                        Prometheus (Istio metrics). Every step needs --min-requests canary
                        requests (the first step may wait 2 more intervals for them); a limit
                        breach, a canary worse than stable (error rate above stable's plus
                        --max-error-increase, p99 above stable's × --max-p99-ratio and by more
                        than 50 ms), missing data or a failed query rolls back (abort, exit 1);
                        all steps passed → promote (exit 0)

Environment: CHORUS_PROMETHEUS_URL (default: a port-forward to istio-system/prometheus)
EOF2
}

helm_set() { # $@ = key=value pairs for the release, keeping everything else
  local args=() kv
  for kv in "$@"; do args+=(--set "$kv"); done
  helm upgrade "$RELEASE" "$CHART" -n "$NAMESPACE" --reuse-values "${args[@]}" --wait --timeout 10m
}

canary_deployment() { printf '%s-canary\n' "$1"; }

canary_running() { # $1 = service
  kubectl get deployment "$(canary_deployment "$1")" -n "$NAMESPACE" >/dev/null 2>&1
}

canary_tag() { # $1 = service; the canary's image tag
  local image
  image=$(kubectl get deployment "$(canary_deployment "$1")" -n "$NAMESPACE" \
    -o jsonpath='{.spec.template.spec.containers[0].image}')
  printf '%s\n' "${image##*:}"
}

canary_set_weight() { # $1 = service, $2 = weight
  if ! [[ $2 =~ ^[0-9]+$ ]] || (($2 > 100)); then
    die "weight must be 0..100 (got '$2')"
  fi
  helm_set "services.$1.canary.weight=$2" || return 1
  say "canary $1: weight $2 %"
}

canary_start() { # $1 = service, $2.. options
  local svc=$1 tag=""
  shift
  while (($#)); do
    case $1 in
      --tag) tag=${2:-}; shift 2 ;;
      *) die "unknown option for canary start: $1" ;;
    esac
  done
  [[ -n $tag ]] || die "canary start needs --tag <image tag>"
  [[ $tag != latest ]] || die "pin the canary tag (latest is refused)"
  helm_set "services.$svc.canary.enabled=true" "services.$svc.canary.tag=$tag" "services.$svc.canary.weight=0"
  kubectl rollout status "deployment/$(canary_deployment "$svc")" -n "$NAMESPACE" --timeout=10m
  say "canary $svc: $tag running at weight 0 %"
}

canary_promote() { # $1 = service
  local svc=$1 tag
  canary_running "$svc" || die "no canary of $svc is running"
  tag=$(canary_tag "$svc")
  # Stable first (the canary keeps its share meanwhile), then the canary goes away.
  helm_set "services.$svc.image.tag=$tag"
  kubectl rollout status "deployment/$svc" -n "$NAMESPACE" --timeout=10m
  helm_set "services.$svc.canary.enabled=false" "services.$svc.canary.weight=0"
  say "canary $svc: promoted $tag to stable"
}

canary_abort() { # $1 = service
  helm_set "services.$1.canary.enabled=false" "services.$1.canary.weight=0" || return 1
  say "canary $1: aborted, all traffic on stable"
}

canary_status() { # $1 = service, options
  local svc=$1 timeout=0s
  shift
  while (($#)); do
    case $1 in
      --timeout) timeout=${2:-}; shift 2 ;;
      *) die "unknown option for canary status: $1" ;;
    esac
  done
  if ! canary_running "$svc"; then
    say "canary $svc: none running"
    return 2
  fi
  local weight
  weight=$(kubectl get virtualservice "$svc" -n "$NAMESPACE" \
    -o jsonpath='{.spec.http[?(@.name=="default")].route[1].weight}' 2>/dev/null || true)
  if kubectl rollout status "deployment/$(canary_deployment "$svc")" -n "$NAMESPACE" --timeout="$timeout" >/dev/null 2>&1; then
    say "canary $svc: ready, tag $(canary_tag "$svc"), weight ${weight:-0} %"
    return 0
  fi
  say "canary $svc: not ready, tag $(canary_tag "$svc"), weight ${weight:-0} %"
  return 1
}

PF_PID=""
PROM=""

stop_port_forward() {
  if [[ -n $PF_PID ]]; then kill "$PF_PID" 2>/dev/null || true; fi
}

# Sets PROM to a reachable Prometheus. Must run in the main shell, never inside $( … ): a
# port-forward started in a command substitution is killed when that subshell exits.
start_prometheus() {
  if [[ -n $PROMETHEUS_URL ]]; then
    PROM=$PROMETHEUS_URL
    return 0
  fi
  local port=${CHORUS_PROMETHEUS_LOCAL_PORT:-19090} i
  kubectl -n istio-system port-forward svc/prometheus "$port:9090" >/dev/null 2>&1 &
  PF_PID=$!
  trap stop_port_forward EXIT
  PROM="http://127.0.0.1:$port"
  for ((i = 0; i < 30; i++)); do
    curl -fsS -o /dev/null "$PROM/-/ready" 2>/dev/null && return 0
    kill -0 "$PF_PID" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

# Prints the scalar value of a Prometheus instant query, or nothing when there is no data.
# Fails (status 1) when Prometheus cannot be asked or answers with an error.
prom_query() { # $1 = PromQL
  local body
  body=$(curl -fsS --max-time 20 --get "$PROM/api/v1/query" --data-urlencode "query=$1") || return 1
  [[ $body == *'"status":"success"'* ]] || return 1
  printf '%s\n' "$body" | sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p'
}

seconds_of() { # $1 = 30s | 2m | 90 → seconds
  case $1 in
    *m) printf '%d\n' $((${1%m} * 60)) ;;
    *s) printf '%d\n' "${1%s}" ;;
    *) printf '%d\n' "$1" ;;
  esac
}

above() { # $1 > $2 as numbers
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'
}

number() { # true when $1 is a finite number (Prometheus answers NaN for 0/0)
  [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]
}

# Rolls the canary back and fails: every way out of `auto` other than promotion goes through here.
canary_rollback() { # $1 = service, $2.. = reason
  local svc=$1
  shift
  say "canary $svc: $*; rolling back"
  canary_abort "$svc" || die "rollback of $svc failed: remove the canary with './installer.sh canary $svc abort'"
  return 1
}

# Flagger-style analysis of one step. Sets CHECK to "ok", "wait" (too little traffic at the first
# step), or the reason for a rollback; updates the stable baseline (BASE_ERR, BASE_P99).
analyse_step() { # $1 = service, $2 = window, $3 = first step (true|false)
  local svc=$1 window=$2 first=$3 requests err p99 serr sp99
  local sel="reporter=\"destination\",destination_app=\"$svc\""
  local canary="$sel,destination_version=\"canary\"" stable="$sel,destination_version=\"stable\""
  CHECK="Prometheus query failed"
  requests=$(prom_query "sum(increase(istio_requests_total{$canary}[$window]))") || return 0
  err=$(prom_query "(sum(rate(istio_requests_total{$canary,response_code=~\"5..\"}[$window])) or vector(0)) / sum(rate(istio_requests_total{$canary}[$window]))") || return 0
  p99=$(prom_query "histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{$canary}[$window])))") || return 0
  serr=$(prom_query "(sum(rate(istio_requests_total{$stable,response_code=~\"5..\"}[$window])) or vector(0)) / sum(rate(istio_requests_total{$stable}[$window]))") || return 0
  sp99=$(prom_query "histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{$stable}[$window])))") || return 0
  number "$serr" && BASE_ERR=$serr
  number "$sp99" && BASE_P99=$sp99
  say "  canary: ${requests:-no data} requests, error rate ${err:-no data}, p99 ${p99:-no data} ms;" \
    "stable: error rate ${BASE_ERR:-no data}, p99 ${BASE_P99:-no data} ms"
  number "$requests" || requests=0
  if above "$MIN_REQUESTS" "$requests"; then
    if [[ $first == true ]]; then CHECK="wait"; else CHECK="only $requests canary requests in $window (minimum $MIN_REQUESTS): no evidence"; fi
    return 0
  fi
  if ! number "$err" || ! number "$p99"; then
    CHECK="no error-rate or latency data for $requests canary requests"
    return 0
  fi
  if above "$err" "$MAX_ERROR"; then
    CHECK="error rate $err above $MAX_ERROR"
  elif [[ -n $BASE_ERR ]] && above "$err" "$(awk -v b="$BASE_ERR" -v d="$MAX_ERROR_INCREASE" 'BEGIN { print b + d }')"; then
    CHECK="error rate $err above stable's $BASE_ERR + $MAX_ERROR_INCREASE"
  elif above "$p99" "$MAX_P99"; then
    CHECK="p99 $p99 ms above $MAX_P99 ms"
  elif [[ -n $BASE_P99 ]] && above "$p99" "$(awk -v b="$BASE_P99" -v r="$MAX_P99_RATIO" -v s="$P99_SLACK" 'BEGIN { print (b * r > b + s) ? b * r : b + s }')"; then
    CHECK="p99 $p99 ms above stable's $BASE_P99 ms × $MAX_P99_RATIO (slack $P99_SLACK ms)"
  else
    CHECK=ok
  fi
}

canary_auto() { # $1 = service, options
  local svc=$1 steps=5,25,50,100 interval=60s step window seconds first=true waits v
  MAX_ERROR=0.01 MAX_P99=500 MIN_REQUESTS=20 MAX_ERROR_INCREASE=0.005 MAX_P99_RATIO=1.5 P99_SLACK=50
  BASE_ERR="" BASE_P99="" CHECK=""
  local first_step_waits=${CHORUS_CANARY_FIRST_STEP_WAITS:-2}
  shift
  while (($#)); do
    case $1 in
      --steps) steps=${2:-}; shift 2 ;;
      --interval) interval=${2:-}; shift 2 ;;
      --max-error-rate) MAX_ERROR=${2:-}; shift 2 ;;
      --max-p99) MAX_P99=${2:-}; shift 2 ;;
      --min-requests) MIN_REQUESTS=${2:-}; shift 2 ;;
      --max-error-increase) MAX_ERROR_INCREASE=${2:-}; shift 2 ;;
      --max-p99-ratio) MAX_P99_RATIO=${2:-}; shift 2 ;;
      *) die "unknown option for canary auto: $1" ;;
    esac
  done
  [[ $steps =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--steps must be a comma-separated list of weights"
  IFS=, read -r -a weights <<<"$steps"
  for v in "${weights[@]}"; do ((v <= 100)) || die "--steps: weight $v is above 100"; done
  for v in "$MAX_ERROR" "$MAX_P99" "$MIN_REQUESTS" "$MAX_ERROR_INCREASE" "$MAX_P99_RATIO"; do
    number "$v" || die "canary auto: '$v' is not a number"
  done
  above "$MIN_REQUESTS" 0 || die "--min-requests must be at least 1: promoting without canary traffic proves nothing"
  canary_running "$svc" || die "no canary of $svc is running (canary $svc start --tag T first)"
  seconds=$(seconds_of "$interval")
  if ((seconds >= 30)); then window="${seconds}s"; else window="30s"; fi
  start_prometheus || { canary_rollback "$svc" "Prometheus is not reachable"; return 1; }
  for step in "${weights[@]}"; do
    canary_set_weight "$svc" "$step" || { canary_rollback "$svc" "setting weight $step failed"; return 1; }
    waits=0
    while :; do
      sleep "$seconds"
      analyse_step "$svc" "$window" "$first"
      [[ $CHECK == wait ]] || break
      if ((waits >= first_step_waits)); then
        CHECK="fewer than $MIN_REQUESTS canary requests after $((waits + 1)) intervals: no evidence"
        break
      fi
      waits=$((waits + 1))
      say "canary $svc at $step %: fewer than $MIN_REQUESTS requests yet, waiting another $interval"
    done
    if [[ $CHECK != ok ]]; then
      canary_rollback "$svc" "$CHECK at $step %"
      return 1
    fi
    say "canary $svc at $step %: passed"
    first=false
  done
  canary_promote "$svc"
}

canary() {
  local svc=${1:-} action=${2:-}
  if [[ -z $svc || $svc == -h || $svc == --help ]]; then
    usage_canary
    return 0
  fi
  [[ $svc =~ ^(gateway|member|content|timeline|music|chart|activity|search|chat|web)$ ]] ||
    die "unknown service '$svc'"
  shift 2 || true
  need kubectl "See https://kubernetes.io/docs/tasks/tools/"
  need helm "See https://helm.sh/docs/intro/install/"
  case $action in
    start) canary_start "$svc" "$@" ;;
    weight) canary_set_weight "$svc" "${1:-}" ;;
    promote) canary_promote "$svc" ;;
    abort) canary_abort "$svc" ;;
    status) canary_status "$svc" "$@" ;;
    auto) canary_auto "$svc" "$@" ;;
    *) usage_canary >&2; die "unknown canary action '$action'" ;;
  esac
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
        variant) shift; local_variant "$@" ;;
        stop) [[ -n ${2:-} ]] || die "usage: ./installer.sh local stop NAME"; stop_process "$2" ;;
        -h | --help | help) usage_local ;;
        *) usage_local >&2; die "unknown local action '$action'" ;;
      esac
      ;;
    up) cluster_up "$@" ;;
    down) cluster_down "$@" ;;
    status) cluster_status "$@" ;;
    canary) canary "$@" ;;
    java-home)
      [[ ${1:-} == -h || ${1:-} == --help ]] && { say "Usage: ./installer.sh java-home   (prints a JDK >= 21 home, exit 1 if none)"; return 0; }
      find_java_home || die "no JDK 21 or newer found"
      ;;
    -h | --help | help | "") usage ;;
    *) usage >&2; die "unknown verb '$verb'" ;;
  esac
}

main "$@"
