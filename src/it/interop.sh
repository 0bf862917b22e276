#!/usr/bin/env bash
# Interop test: real FTP clients (curl and lftp) against a real `./ferry serve`.
#
#   bash src/it/interop.sh          (mvn verify runs it; -DskipInterop skips it)
#
# Starts the server on a free loopback port with a temporary data directory,
# creates a user, then uploads, lists, downloads (byte-exact), deletes and
# mirrors trees in EPSV, PASV and active mode.  Prints PASS/FAIL per step and
# ends with one line "interop: N passed, M failed"; exits non-zero on any
# failure.  Only 127.0.0.1 is ever contacted.
#
# Environment:
#   CI=true             missing curl or lftp is a failure instead of a skip
#   INTEROP_KEEP=1      keep the temporary directory (its path is printed)
# Step functions are called indirectly, through step():
# shellcheck disable=SC2317
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

HOST=127.0.0.1
USER_NAME=alice
USER_PASS=secret-pass
PASSIVE_PORTS=20           # size of the passive port range
START_TIMEOUT=30           # seconds to wait for the server to listen
STOP_TIMEOUT=10            # seconds between SIGTERM and SIGKILL

# --- prerequisites ---------------------------------------------------------------
missing=()
for tool in curl lftp; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "${CI:-}" = true ]; then
        echo "FAIL prerequisites: ${missing[*]} not installed (CI=true, so this is an error)"
        echo "interop: 0 passed, 1 failed"
        exit 1
    fi
    echo "interop: skipped (install curl and lftp)"
    exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ferry-interop.XXXXXX")
DATA=$WORK/data
LOG=$WORK/server.log
STEPLOG=$WORK/step.log
mkdir -p "$DATA"

passed=0
failed=0
SERVER_PID=""

# --- helpers -----------------------------------------------------------------------
# alive PID: the process exists and is not a zombie.
alive() {
    local state=""
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        state=$(sed 's/^.*) \(.\).*$/\1/' "/proc/$1/stat" 2>/dev/null) || true
    fi
    [ "$state" != Z ]
}

# Stops the server: SIGTERM, then SIGKILL after STOP_TIMEOUT seconds.
# Returns 0 if it exited after SIGTERM, 1 if it had to be killed.
stop_server() {
    local pid=$SERVER_PID i
    [ -n "$pid" ] || return 0
    SERVER_PID=""
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    echo "interop: server (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
}

show_server_log() {
    if [ -f "$LOG" ]; then
        echo "---- last 50 lines of the server log ($LOG) ----"
        tail -n 50 "$LOG"
        echo "---- end of server log ----"
    fi
}

# Runs on every exit: stops the server; if the script died before its summary
# (an unexpected error or a signal), reports that as a failure.
SUMMARY_DONE=0
cleanup() {
    local rc=$?
    stop_server || true
    if [ "$SUMMARY_DONE" = 0 ]; then
        failed=$((failed + 1))
        echo "FAIL interop script aborted (exit $rc)"
        finish
        [ "$rc" -ne 0 ] || rc=1
    fi
    exit "$rc"
}

# Prints the server log on failure, removes (or keeps) the work directory and
# prints the summary line, which is the script's last line of output.
finish() {
    SUMMARY_DONE=1
    if [ "$failed" -gt 0 ]; then
        show_server_log
    fi
    if [ "${INTEROP_KEEP:-0}" = 1 ] || [ "$failed" -gt 0 ]; then
        echo "interop: work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    echo "interop: $passed passed, $failed failed"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# step NAME COMMAND...: runs COMMAND in a subshell with errexit on, so that
# any failing command inside fails the step; prints PASS or FAIL, and on FAIL
# the step's output.
step() {
    local name=$1 rc
    shift
    set +e
    (set -euo pipefail; "$@") >"$STEPLOG" 2>&1 </dev/null
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name (exit $rc)"
        sed 's/^/    | /' "$STEPLOG" | tail -n 40
    fi
    return 0
}

summary_and_exit() {
    stop_server || true
    finish
    if [ "$failed" -gt 0 ]; then
        exit 1
    fi
    exit 0
}

# Prints "PORT LO HI": a free control port and a free passive range right
# above it, all below the kernel's ephemeral range (where the clients' own
# ports come from), so nothing else on the machine is likely to take them.
pick_ports() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$PASSIVE_PORTS" <<'EOF'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 30000 - n - 2)
    socks = []
    try:
        for p in range(base, base + n + 1):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
    print(base, base + 1, base + n)
    sys.exit(0)
sys.exit("no free port range found")
EOF
    else
        local tries base p ok
        for ((tries = 0; tries < 200; tries++)); do
            base=$((20000 + RANDOM % (10000 - PASSIVE_PORTS - 2)))
            ok=1
            for ((p = base; p <= base + PASSIVE_PORTS; p++)); do
                # A port that accepts a connection is taken.
                if (exec 3<>"/dev/tcp/$HOST/$p") 2>/dev/null; then
                    ok=0
                    break
                fi
            done
            if [ "$ok" = 1 ]; then
                echo "$base $((base + 1)) $((base + PASSIVE_PORTS))"
                return 0
            fi
        done
        echo "no free port range found" >&2
        return 1
    fi
}

port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# --- set up --------------------------------------------------------------------------
ports=$(pick_ports)
read -r PORT LO HI <<<"$ports"
URL="ftp://$USER_NAME:$USER_PASS@$HOST:$PORT"
echo "interop: work dir $WORK, control port $PORT, passive ports $LO-$HI"

user_add() {
    printf '%s\n%s\n' "$USER_PASS" "$USER_PASS" | ./ferry user add "$USER_NAME" --data-dir "$DATA"
}
step "user add $USER_NAME" user_add

./ferry serve --data-dir "$DATA" -S "$HOST,$PORT" -p "$LO:$HI" >"$LOG" 2>&1 </dev/null &
SERVER_PID=$!

wait_for_server() {
    local deadline=$((SECONDS + START_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! alive "$SERVER_PID"; then
            echo "the server exited before it listened"
            return 1
        fi
        if port_open "$PORT"; then
            grep -m 1 'listening on' "$LOG" || echo "(no 'listening on' line in the log yet)"
            return 0
        fi
        sleep 0.2
    done
    echo "port $PORT not accepting connections after ${START_TIMEOUT}s"
    return 1
}
step "server starts and listens on $HOST:$PORT" wait_for_server
if [ "$failed" -gt 0 ]; then
    summary_and_exit
fi

# --- curl ------------------------------------------------------------------------------
CURL=(curl -sS --fail --connect-timeout 10 --max-time 60)

head -c $((3 * 1024 * 1024 + 12345)) /dev/urandom >"$WORK/up.bin"

# used_mode FILE: FILE (curl -v output) shows that the data connection was set
# up with $MODE_CMD and the server answered $MODE_CODE; so a silent fallback
# (EPSV to PASV, EPRT to PORT) does not pass as the mode under test.
used_mode() {
    if ! awk -v c="$MODE_CMD" -v code="$MODE_CODE" '
            { sub(/\r$/, "") }
            $1 == ">" && $2 == c { want = 1; next }
            want && $1 == "<" { if ($2 == code) ok = 1; want = 0 }
            END { exit !ok }' "$1"; then
        echo "curl did not use $MODE_CMD (answered $MODE_CODE); its dialogue:"
        grep -E '^[<>] ' "$1"
        return 1
    fi
}
curl_upload() {
    "${CURL[@]}" -v "$@" -T "$WORK/up.bin" "$URL/up.bin" 2>"$WORK/curl-v.txt" \
        || { grep -v '^[*{}]' "$WORK/curl-v.txt"; return 1; }
    used_mode "$WORK/curl-v.txt"
}
curl_list_has() {
    "${CURL[@]}" "$@" "$URL/" >"$WORK/list.txt"
    cat "$WORK/list.txt"
    grep -q 'up\.bin' "$WORK/list.txt"
}
curl_nlst_has() {
    "${CURL[@]}" "$@" --list-only "$URL/" >"$WORK/nlst.txt"
    cat "$WORK/nlst.txt"
    grep -qx 'up\.bin' <(tr -d '\r' <"$WORK/nlst.txt")
}
curl_download() {
    rm -f "$WORK/down.bin"
    "${CURL[@]}" -v "$@" -o "$WORK/down.bin" "$URL/up.bin" 2>"$WORK/curl-v.txt" \
        || { grep -v '^[*{}]' "$WORK/curl-v.txt"; return 1; }
    used_mode "$WORK/curl-v.txt"
    cmp "$WORK/up.bin" "$WORK/down.bin"
}
curl_delete() {
    "${CURL[@]}" "$@" -Q 'DELE up.bin' "$URL/" >/dev/null
}
curl_list_lacks() {
    "${CURL[@]}" "$@" "$URL/" >"$WORK/list.txt"
    cat "$WORK/list.txt"
    ! grep -q 'up\.bin' "$WORK/list.txt"
}
curl_download_missing_fails() {
    # A download of a file that is not there must fail (550), not hang.
    local rc=0
    "${CURL[@]}" "$@" -o "$WORK/none.bin" "$URL/up.bin" || rc=$?
    echo "curl exit $rc (78 = remote file not found)"
    [ "$rc" -eq 78 ]
}

# curl_round LABEL CMD CODE CURL-OPTIONS...: the steps for one data
# connection mode; CMD and CODE are the command curl must use and the reply.
curl_round() {
    local mode=$1
    MODE_CMD=$2
    MODE_CODE=$3
    shift 3
    step "curl $mode: upload 3 MiB (STOR) via $MODE_CMD" curl_upload "$@"
    step "curl $mode: listing (LIST) shows up.bin" curl_list_has "$@"
    if [ "$mode" = EPSV ]; then
        step "curl $mode: name listing (NLST) shows up.bin" curl_nlst_has "$@"
    fi
    step "curl $mode: download (RETR) is byte-exact" curl_download "$@"
    step "curl $mode: delete (DELE)" curl_delete "$@"
    step "curl $mode: listing no longer shows up.bin" curl_list_lacks "$@"
    if [ "$mode" = EPSV ]; then
        step "curl $mode: download of a deleted file fails" curl_download_missing_fails "$@"
    fi
}

curl_round EPSV EPSV 229
curl_round PASV PASV 227 --disable-epsv
curl_round "active EPRT" EPRT 200 --ftp-port "$HOST"
curl_round "active PORT" PORT 200 --ftp-port "$HOST" --disable-eprt

# --- lftp ------------------------------------------------------------------------------
mkdir -p "$WORK/local/sub/deeper" "$WORK/local/empty-dir"
: >"$WORK/local/empty.txt"
printf 'x' >"$WORK/local/one-byte.bin"
printf 'hello, ferry\n' >"$WORK/local/with space.txt"
printf 'line 1\r\nline 2\r\n' >"$WORK/local/sub/crlf.txt"
head -c 200000 /dev/urandom >"$WORK/local/sub/random.bin"
head -c 70000 /dev/urandom >"$WORK/local/sub/deeper/more random.bin"
printf 'deep\n' >"$WORK/local/sub/deeper/deep.txt"

# run_lftp SETTINGS COMMANDS: runs lftp in $WORK with plain FTP, short
# timeouts and no retries, stopping at the first failing command
# (cmd:fail-exit); its FTP dialogue goes to $WORK/lftp-debug.txt.
run_lftp() {
    local settings=$1 commands=$2
    rm -f "$WORK/lftp-debug.txt"
    (cd "$WORK" && timeout 180 lftp -u "$USER_NAME,$USER_PASS" -p "$PORT" \
        -e "debug -o $WORK/lftp-debug.txt 5; set cmd:fail-exit yes; set ftp:ssl-allow no; set net:max-retries 1; set net:timeout 10; set net:reconnect-interval-base 1; set xfer:clobber on; $settings; $commands; quit" \
        "$HOST")
}

# lftp_used CMD CODE: the last lftp run set up data connections with CMD
# (an extended regexp), and the server answered CODE.
lftp_used() {
    if ! awk -v c="^($1)\$" -v code="$2" '
            { sub(/\r$/, "") }
            $1 == "--->" && $2 ~ c { want = 1; next }
            want && $1 == "<---" { if ($2 == code) ok = 1; want = 0 }
            END { exit !ok }' "$WORK/lftp-debug.txt"; then
        echo "lftp did not use $1 (answered $2); its dialogue:"
        grep -E '^(--->|<---) ' "$WORK/lftp-debug.txt" | grep -v '^---> PASS ' | tail -n 30
        return 1
    fi
}

lftp_upload() {
    run_lftp "set ftp:passive-mode true" "mirror -R --verbose local remote-tree"
    lftp_used PASV 227
}
lftp_download() {
    rm -rf "$WORK/back"
    run_lftp "set ftp:passive-mode true" "mirror --verbose remote-tree back"
    lftp_used PASV 227
    diff -r "$WORK/local" "$WORK/back"
}
lftp_download_epsv() {
    rm -rf "$WORK/back-epsv"
    run_lftp "set ftp:passive-mode true; set ftp:prefer-epsv yes" "mirror --verbose remote-tree back-epsv"
    lftp_used EPSV 229
    diff -r "$WORK/local" "$WORK/back-epsv"
}
lftp_download_active() {
    rm -rf "$WORK/back-active"
    run_lftp "set ftp:passive-mode false; set ftp:port-ipv4 $HOST" "mirror --verbose remote-tree back-active"
    lftp_used 'PORT|EPRT' 200
    diff -r "$WORK/local" "$WORK/back-active"
}
lftp_remove() {
    run_lftp "set ftp:passive-mode true" "rm -r remote-tree; cls -1a" >"$WORK/after-rm.txt"
    cat "$WORK/after-rm.txt"
    ! grep -q 'remote-tree' "$WORK/after-rm.txt"
}

step "lftp PASV: mirror -R uploads a tree" lftp_upload
step "lftp PASV: mirror downloads it, diff -r is clean" lftp_download
step "lftp EPSV: mirror downloads it, diff -r is clean" lftp_download_epsv
step "lftp active: mirror downloads it, diff -r is clean" lftp_download_active
step "lftp: rm -r removes the tree" lftp_remove

# --- shutdown ----------------------------------------------------------------------------
# Not through step(): the server is a child of this shell, not of a subshell.
if stop_server; then
    passed=$((passed + 1))
    echo "PASS server exits on SIGTERM within ${STOP_TIMEOUT}s"
else
    failed=$((failed + 1))
    echo "FAIL server exits on SIGTERM within ${STOP_TIMEOUT}s (it had to be killed)"
fi

summary_and_exit
