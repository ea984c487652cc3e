#!/usr/bin/env bash
# Unpacks the release archive into an empty folder, runs it from another
# working folder, and checks it serves its pages; then takes its public files
# away and checks that it refuses to start, saying why, and that /healthz
# says unhealthy when they go while it runs.
#   Tests/package/check_package.sh ARCHIVE.tar.gz
set -euo pipefail
archive=$(realpath "$1")
work=$(mktemp -d /tmp/coproduce-package.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
passed=0
failed=0
check() { if eval "$1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $2"; fi; }

mkdir -p "$work/install" "$work/elsewhere"
tar -C "$work/install" -xzf "$archive"
program=$(ls -d "$work"/install/coproduce-*/coproduce)
port=${PACKAGE_TEST_PORT:-8097}
cd "$work/elsewhere"
# Nothing from the build machine's Swift may be needed: where this user may
# make a mount namespace, the toolchain's libraries are hidden while the
# package runs; elsewhere each one the program uses must be in its lib/.
swift_libs=$(dirname "$(dirname "$(command -v swift)")")/lib/swift
mkdir -p "$work/empty"
if unshare -m sh -c "mount --bind '$work/empty' '$swift_libs'" 2> /dev/null; then
  run() { unshare -m sh -c "mount --bind '$work/empty' '$swift_libs' && exec \"\$0\" \"\$@\"" "$@"; }
  # In the background, replaced by the program itself, so $! is the program and can be stopped.
  start() { (exec unshare -m sh -c "mount --bind '$work/empty' '$swift_libs' && exec \"\$0\" \"\$@\"" "$@") & }
  check 'run "$program" routes > /dev/null' "the program does not start without the build machine's Swift libraries"
else
  run() { "$@"; }
  start() { "$@" & }
  for library in $(ldd "$program" | awk '/=>/ {print $3}' | grep "^$swift_libs" || true); do
    check '[ -f "$(dirname "$program")/lib/$(basename "$library")" ]' "$(basename "$library") is not in the package"
  done
fi
check 'readelf -d "$program" | grep -q "\$ORIGIN/lib"' "the program does not look in its own lib folder"

export DATABASE_URL="sqlite:$work/elsewhere/coproduce.sqlite"
run "$program" demo --log warning > demo.log
start "$program" serve --hostname 127.0.0.1 --port "$port" --log warning > server.log 2>&1
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
check '[ "$(curl -fsS "http://127.0.0.1:$port/healthz")" = ok ]' "/healthz is not ok"
check 'curl -fsS "http://127.0.0.1:$port/sign-in" | grep -q "Sign in to Coproduce"' "the sign-in page is not served from another folder"
check 'curl -fsS "http://127.0.0.1:$port/css/app.css" | grep -q "{"' "the stylesheet is not served"

# Public files gone while it runs: unhealthy, and the reason said.
mv "$(dirname "$program")/Public" "$work/Public.away"
status=$(curl -s -o health.txt -w "%{http_code}" "http://127.0.0.1:$port/healthz")
check '[ "$status" = 503 ] && grep -q "stylesheet" health.txt' "/healthz said $status with the stylesheet missing"
kill "$server"; wait "$server" 2> /dev/null || true; server=

# Public files gone at start: it refuses, saying where it looked and what to do.
if run "$program" serve --hostname 127.0.0.1 --port "$port" > refused.log 2>&1; then
  failed=$((failed + 1)); echo "FAIL it started without its stylesheet"
else
  check 'grep -q "cannot find its stylesheet" refused.log && grep -q "COPRODUCE_RESOURCES" refused.log' "the refusal does not say why: $(head -3 refused.log)"
fi
# A folder named by the setting is used instead.
mv "$work/Public.away" "$work/elsewhere/Public"
COPRODUCE_RESOURCES="$work/elsewhere" start "$program" serve --hostname 127.0.0.1 --port "$port" --log warning > "$work/server2.log" 2>&1
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
check 'curl -fsS "http://127.0.0.1:$port/sign-in" | grep -q "Sign in to Coproduce"' "COPRODUCE_RESOURCES was not used"
# Commands that show no pages run without the public files.
check '(cd / && unset COPRODUCE_RESOURCES && run "$program" area list --log warning > /dev/null)' "area list needs the public files"

[ "$failed" = 0 ] || cat "$work/server2.log" 2> /dev/null | tail -5
echo "package: $passed passed, $failed failed"
[ "$failed" = 0 ]
