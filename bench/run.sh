#!/usr/bin/env bash
# One command for the benchmarks: builds, starts the local stack with bench settings, seeds,
# runs the scenarios and regenerates docs/benchmarks.md (method + this run's results).
#   bench/run.sh                      # every scenario
#   bench/run.sh overhead --members 200 --step-seconds 5
# Flags are passed to io.chorus.bench.BenchMain (see bench/README.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA_HOME=$("$ROOT/installer.sh" java-home)
export JAVA_HOME

# Rate limits stay ON (their Redis call is part of what is measured) but far above the offered
# load; signup throttling is lifted so the seeder can create its members from one address.
export CHORUS_GATEWAY_RATE_LIMIT_ANONYMOUS_CAPACITY=10000000 CHORUS_GATEWAY_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND=10000000
export CHORUS_GATEWAY_RATE_LIMIT_MEMBER_CAPACITY=10000000 CHORUS_GATEWAY_RATE_LIMIT_MEMBER_REFILL_PER_SECOND=10000000
export CHORUS_GATEWAY_RATE_LIMIT_AUTH_CAPACITY=10000000 CHORUS_GATEWAY_RATE_LIMIT_AUTH_REFILL_PER_SECOND=10000000
export CHORUS_MEMBER_SIGNUP_IP_MAX=10000000
# The scenarios run longer than the default 15 min token life; no re-login (Argon2) mid-run.
# The gateway refuses tokens that live longer than it expects, so it is told too.
export CHORUS_MEMBER_TOKENS_ACCESS_TTL=2h CHORUS_GATEWAY_TOKENS_LIFETIME=2h
if "$ROOT/installer.sh" local status >/dev/null 2>&1; then
  echo "bench: stopping the running local stack (the bench uses the same ports)"
  "$ROOT/installer.sh" local down
fi
# Every run starts from empty stores, so its numbers do not depend on what earlier runs left.
export CHORUS_LOCAL_DIR="$ROOT/bench/target/local"
if "$ROOT/installer.sh" local status >/dev/null 2>&1; then
  "$ROOT/installer.sh" local down
fi
rm -rf "$CHORUS_LOCAL_DIR"
"$ROOT/installer.sh" local up
# The module's compile phase also builds the C engine (bench/target/loadgen) with gcc.
./mvnw -q -B -pl bench package -DskipTests
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
# Run from the class path (not the Boot jar): the ceilings start as child JVMs on the same one.
"$JAVA_HOME/bin/java" -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.chorus.bench.BenchMain \
  "$@" --report bench/target/results.md
{ cat bench/README.md; echo; cat bench/target/results.md; } > docs/benchmarks.md
echo "bench: wrote docs/benchmarks.md"
