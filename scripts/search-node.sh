#!/usr/bin/env bash
# A real Elasticsearch node on this machine, for the search contract suite and by hand.
#
#   scripts/search-node.sh run CMD [ARG...]  start a node, run CMD with ELASTICSEARCH_URL set,
#                                            stop the node; exits with CMD's status
#   scripts/search-node.sh start             start a node in the background (or find the one
#                                            already started) and print its URL
#   scripts/search-node.sh stop              stop the node that `start` started
#   scripts/search-node.sh fetch             only fetch and unpack the distribution
#
# The node is org.elasticsearch.distribution.integ-test-zip:elasticsearch from Maven Central: the
# real server with a minimal module set (no analysis-common, reindex or painless; the engine needs
# none of them). Its version is the @elastic/elasticsearch client's (SEARCH_NODE_VERSION to
# override). Maven fetches it once into ~/.m2; it is unpacked once under SEARCH_NODE_CACHE; after
# that the node starts offline. Each node is one single-node cluster on a free 127.0.0.1 port,
# security off, heap SEARCH_NODE_HEAP (default 1g, starting at 512m), with its config, data and
# logs in a fresh folder that `stop` deletes. Elasticsearch refuses to run as root: as root the
# node runs as SEARCH_NODE_USER (default `postgres`, the user the embedded PostgreSQL runs as;
# created as a system user when missing).
#
# Needs Java 17 or newer (ES_JAVA_HOME, JAVA_HOME or `java` on PATH): without it the script says
# so and exits with status 3, so callers can tell "no Java here" from a failure.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GROUP_ID=org.elasticsearch.distribution.integ-test-zip
ARTIFACT_ID=elasticsearch
MAVEN_REPO="${SEARCH_NODE_MAVEN_REPO:-$HOME/.m2/repository}"
HEAP="${SEARCH_NODE_HEAP:-1g}"
STATE_DIR="${SEARCH_NODE_DIR:-${TMPDIR:-/tmp}/rediscover-search-node}"
NO_JAVA=3

say() { printf 'search-node: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

if [ "$(id -u)" = 0 ]; then
  RUN_USER="${SEARCH_NODE_USER:-postgres}"
  # Readable by RUN_USER: root's home usually is not.
  CACHE="${SEARCH_NODE_CACHE:-/var/cache/rediscover-search-node}"
else
  RUN_USER=""
  CACHE="${SEARCH_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rediscover-search-node}"
fi

version() {
  if [ -n "${SEARCH_NODE_VERSION:-}" ]; then
    echo "$SEARCH_NODE_VERSION"
    return
  fi
  local manifest="$ROOT/node_modules/@elastic/elasticsearch/package.json"
  [ -f "$manifest" ] || die "no $manifest: run npm install first (or set SEARCH_NODE_VERSION)"
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

# The Java home to run with, checked to be 17 or newer.
java_home() {
  local home="${ES_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -z "$home" ]; then
    local java
    java="$(command -v java || true)"
    if [ -z "$java" ]; then
      say "no Java found (set ES_JAVA_HOME or JAVA_HOME, or put java on PATH): Elasticsearch needs Java 17 or newer"
      exit "$NO_JAVA"
    fi
    home="$(dirname "$(dirname "$(readlink -f "$java")")")"
  fi
  if [ ! -x "$home/bin/java" ]; then
    say "no Java at $home (from ES_JAVA_HOME/JAVA_HOME): Elasticsearch needs Java 17 or newer"
    exit "$NO_JAVA"
  fi
  local spec major
  spec="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${spec%%.*}"
  if ! [ "${major:-0}" -ge 17 ] 2>/dev/null; then
    say "Java at $home is version ${spec:-unknown}: Elasticsearch needs 17 or newer"
    exit "$NO_JAVA"
  fi
  echo "$home"
}

# Fetches the zip into the Maven repository (once) and unpacks it under CACHE (once); prints the
# unpacked home.
fetch() {
  local v zip home
  v="$(version)"
  zip="$MAVEN_REPO/${GROUP_ID//.//}/$ARTIFACT_ID/$v/$ARTIFACT_ID-$v.zip"
  home="$CACHE/elasticsearch-$v"
  if [ ! -f "$home/bin/elasticsearch" ]; then
    if [ ! -f "$zip" ]; then
      command -v mvn >/dev/null || die "Maven (mvn) is needed once, to fetch $GROUP_ID:$ARTIFACT_ID:$v"
      say "fetching $GROUP_ID:$ARTIFACT_ID:$v:zip with Maven"
      mvn -B -q dependency:get -Dmaven.repo.local="$MAVEN_REPO" \
        -Dartifact="$GROUP_ID:$ARTIFACT_ID:$v:zip" -Dtransitive=false >&2 ||
        die "Maven could not fetch $GROUP_ID:$ARTIFACT_ID:$v:zip"
      [ -f "$zip" ] || die "Maven fetched nothing at $zip"
    fi
    say "unpacking $zip into $home"
    mkdir -p "$CACHE"
    local tmp
    tmp="$(mktemp -d "$CACHE/.unpack.XXXXXX")"
    if command -v unzip >/dev/null; then
      unzip -q "$zip" -d "$tmp"
    else
      (cd "$tmp" && "$(java_home)/bin/jar" xf "$zip")
      chmod +x "$tmp/elasticsearch-$v/bin/"*
    fi
    chmod -R a+rX "$tmp"
    # Another run may have finished the same unpack meanwhile: keep the first.
    mv -T "$tmp/elasticsearch-$v" "$home" 2>/dev/null || true
    rm -rf "$tmp"
    [ -f "$home/bin/elasticsearch" ] || die "unpacking $zip left no $home/bin/elasticsearch"
  fi
  echo "$home"
}

run_as_user() {
  if [ -z "$RUN_USER" ]; then
    "$@"
  else
    runuser -u "$RUN_USER" -- "$@"
  fi
}

ensure_user() {
  [ -n "$RUN_USER" ] || return 0
  id -u "$RUN_USER" >/dev/null 2>&1 && return 0
  say "running as root: creating the system user $RUN_USER for Elasticsearch"
  getent group "$RUN_USER" >/dev/null || groupadd --system "$RUN_USER"
  useradd --system --gid "$RUN_USER" --no-create-home "$RUN_USER" ||
    die "Elasticsearch cannot run as root and the user $RUN_USER could not be created"
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Starts a node whose config, data, logs and pid live in $1; prints its URL once it is yellow.
start_node() {
  local dir="$1" home java v http transport
  java="$(java_home)"
  home="$(fetch)"
  v="$(version)"
  ensure_user
  command -v curl >/dev/null || die "curl is needed to wait for the node"
  mkdir -p "$dir"
  cp -R "$home/config" "$dir/config"
  # The launcher runs from the distribution's folder, which RUN_USER cannot write: send the JVM's
  # relative gc log, error file and heap dumps to this node's folder instead.
  sed -i -e "s#=logs/#=$dir/logs/#g; s#file=logs/#file=$dir/logs/#g; s#HeapDumpPath=data#HeapDumpPath=$dir/data#" \
    "$dir/config/jvm.options"
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  [ -z "$RUN_USER" ] || chown -R "$RUN_USER:" "$dir"
  http="$(free_port)"
  transport="$(free_port)"
  say "starting Elasticsearch $v on 127.0.0.1:$http (Java: $java, user: ${RUN_USER:-$(id -un)}, folder: $dir)"
  # -d: the launcher returns once the node runs (or prints why it could not start).
  if ! (cd "$dir" && run_as_user env HOME="$dir" ES_JAVA_HOME="$java" ES_PATH_CONF="$dir/config" \
    ES_TMPDIR="$dir/tmp" ES_JAVA_OPTS="-Xms512m -Xmx$HEAP ${SEARCH_NODE_JAVA_OPTS:-}" \
    "$home/bin/elasticsearch" -d -p "$dir/pid" \
    -E cluster.name=rediscover-search-node \
    -E node.name=search-node \
    -E discovery.type=single-node \
    -E network.host=127.0.0.1 \
    -E http.port="$http" \
    -E transport.port="$transport" \
    -E path.data="$dir/data" \
    -E path.logs="$dir/logs" \
    -E xpack.security.enabled=false \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    >"$dir/launcher.log" 2>&1); then
    cat "$dir/launcher.log" >&2
    die "Elasticsearch did not start (logs in $dir/logs)"
  fi
  local url="http://127.0.0.1:$http" status=""
  for _ in $(seq 1 120); do
    status="$(curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true)"
    [ "$status" = green ] || [ "$status" = yellow ] && break
    sleep 1
  done
  if [ "$status" != green ] && [ "$status" != yellow ]; then
    stop_node "$dir"
    die "Elasticsearch at $url did not become healthy in 2 minutes (status: ${status:-no answer})"
  fi
  echo "$url" >"$dir/url"
  say "Elasticsearch $v is $status at $url"
  echo "$url"
}

# Stops the node of folder $1 and deletes the folder.
stop_node() {
  local dir="$1" pid
  if [ -f "$dir/pid" ]; then
    pid="$(cat "$dir/pid")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

running_url() {
  local dir="$1"
  [ -f "$dir/pid" ] && [ -f "$dir/url" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null &&
    curl -fsS "$(cat "$dir/url")/_cluster/health" >/dev/null 2>&1 && cat "$dir/url"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  fetch)
    java_home >/dev/null
    fetch
    ;;
  start)
    if url="$(running_url "$STATE_DIR")"; then
      echo "$url"
      exit 0
    fi
    rm -rf "$STATE_DIR"
    start_node "$STATE_DIR"
    ;;
  stop)
    stop_node "$STATE_DIR"
    ;;
  run)
    [ $# -gt 0 ] || die "usage: $0 run CMD [ARG...]"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/rediscover-search-node.XXXXXX")"
    trap 'stop_node "$dir"' EXIT
    trap 'exit 130' INT TERM
    url="$(start_node "$dir")"
    status=0
    ELASTICSEARCH_URL="$url" "$@" || status=$?
    exit "$status"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
