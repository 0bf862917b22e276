#!/usr/bin/env bash
# bench/run.sh: Ferry's benchmark harness. See bench/README.md.
#
#   bench/run.sh                 full run: Ferry, vsftpd, pure-ftpd, proftpd, all scenarios
#   bench/run.sh --quick         smaller sizes, for development
#   bench/run.sh --smoke         seconds, tiny sizes, Ferry only, no apt-get; exit 1 on any failure
#   bench/run.sh --only 1,login --servers ferry,vsftpd --rounds 5
#
# Every server runs on 127.0.0.1 only, on a free high port, started in the foreground by this
# script and stopped by the PID it recorded. Every load loop in the load generator is bounded in
# count and time, and every loadgen command has a deadline.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
PEERS=$BENCH/.peers
ALL_SERVERS=ferry,vsftpd,pure-ftpd,proftpd
ALL_SCENARIOS=big,small,login,concurrent,idle,listing,ftps

usage() {
    cat <<'EOF'
usage: bench/run.sh [--smoke | --quick] [--only SCENARIO[,...]] [--servers NAME[,...]]
                    [--rounds N] [--data-dir DIR] [--no-install] [--keep]

  --smoke        quick check for CI: tiny sizes, Ferry only, no apt-get, content verified
                 (CRC-32C) in every round; exits non-zero if any scenario fails
  --quick        smaller sizes and fewer rounds, all servers (for development)
  --only LIST    scenarios, by number or name: 1|big 2|small 3|login 4|concurrent 5|idle
                 6|listing 7|ftps (default: all)
  --servers LIST ferry,vsftpd,pure-ftpd,proftpd (default: all; --smoke: ferry)
  --rounds N     timed rounds per scenario, after one warm-up round (default 3; quick 2; smoke 1)
  --idle-rounds N  rounds of scenario 5, each with a freshly started server (default 1)
  --data-dir DIR where the served files live (default /dev/shm/ferry-bench: tmpfs)
  --json FILE    write the JSON there (and the Markdown tables next to it, .md) instead
  --no-install   do not apt-get anything (peers must already be installed/unpacked)
  --keep         keep the scratch directory (server logs, raw results)

Output: the tables on stdout, and JSON (plus the tables in Markdown) in
bench/results/<date>.json (full runs of every scenario and server),
bench/.work/results/<date>-partial.json (--only/--servers), <date>-quick.json (--quick),
or the scratch directory (--smoke, removed unless --keep).
EOF
}

MODE=full
ONLY=""
SERVERS=""
NARROWED=0 # --only or --servers given: the run is not a record of every scenario on every server
ROUNDS=""
IDLE_ROUNDS=""
DATA=""
JSON_OUT=""
INSTALL=1
KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
        --smoke) MODE=smoke ;;
        --quick) MODE=quick ;;
        --only) ONLY=${2:?--only needs a value}; NARROWED=1; shift ;;
        --only=*) ONLY=${1#*=}; NARROWED=1 ;;
        --servers) SERVERS=${2:?--servers needs a value}; NARROWED=1; shift ;;
        --servers=*) SERVERS=${1#*=}; NARROWED=1 ;;
        --rounds) ROUNDS=${2:?--rounds needs a value}; shift ;;
        --rounds=*) ROUNDS=${1#*=} ;;
        --idle-rounds) IDLE_ROUNDS=${2:?--idle-rounds needs a value}; shift ;;
        --idle-rounds=*) IDLE_ROUNDS=${1#*=} ;;
        --data-dir) DATA=${2:?--data-dir needs a value}; shift ;;
        --data-dir=*) DATA=${1#*=} ;;
        --json) JSON_OUT=${2:?--json needs a value}; shift ;;
        --json=*) JSON_OUT=${1#*=} ;;
        --no-install) INSTALL=0 ;;
        --keep) KEEP=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

# --- sizes per mode ---------------------------------------------------------------------------
case $MODE in
    full)
        BIG=1G; MEDIUM=100M; SMALL_COUNT=2000; SMALL_SIZE=4K; LOGIN_CLIENTS=50; LOGIN_SECONDS=10
        CONC=20; IDLE_LEVELS=100,1000,5000; IDLE_PROBES=5; LIST_COUNT=10000; DEF_ROUNDS=3; VERIFY=""
        SMALL_WARMUP=5; LIST_WARMUP=40
        DEADLINE=1800
        : "${SERVERS:=$ALL_SERVERS}" ;;
    quick)
        BIG=128M; MEDIUM=16M; SMALL_COUNT=300; SMALL_SIZE=4K; LOGIN_CLIENTS=20; LOGIN_SECONDS=3
        CONC=5; IDLE_LEVELS=20,100,300; IDLE_PROBES=3; LIST_COUNT=2000; DEF_ROUNDS=2; VERIFY=""
        SMALL_WARMUP=3; LIST_WARMUP=10
        DEADLINE=600
        : "${SERVERS:=$ALL_SERVERS}" ;;
    smoke)
        BIG=8M; MEDIUM=2M; SMALL_COUNT=40; SMALL_SIZE=4K; LOGIN_CLIENTS=4; LOGIN_SECONDS=1
        CONC=3; IDLE_LEVELS=5,20; IDLE_PROBES=2; LIST_COUNT=200; DEF_ROUNDS=1; VERIFY=--verify
        SMALL_WARMUP=1; LIST_WARMUP=1
        DEADLINE=120
        : "${SERVERS:=ferry}"; INSTALL=0 ;;
esac
: "${ROUNDS:=$DEF_ROUNDS}"
case $ROUNDS in '' | *[!0-9]* | 0) die "--rounds needs a positive number" ;; esac
# Scenario 5 restarts the server for each round and logs 5,000 sessions in (minutes with a
# memory-hard password hash): one round unless asked; its probe times still give a spread.
: "${IDLE_ROUNDS:=1}"
case $IDLE_ROUNDS in '' | *[!0-9]* | 0) die "--idle-rounds needs a positive number" ;; esac

# Scenario selection: numbers or names.
SELECTED=","
IFS=, read -r -a wanted <<<"${ONLY:-$ALL_SCENARIOS}"
for s in "${wanted[@]}"; do
    case $s in
        1 | big) SELECTED+="big," ;;
        2 | small) SELECTED+="small," ;;
        3 | login) SELECTED+="login," ;;
        4 | concurrent) SELECTED+="concurrent," ;;
        5 | idle) SELECTED+="idle," ;;
        6 | listing | list) SELECTED+="listing," ;;
        7 | ftps) SELECTED+="ftps," ;;
        "") ;;
        *) die "unknown scenario '$s' (1-7 or big,small,login,concurrent,idle,listing,ftps)" ;;
    esac
done
selected() { case $SELECTED in *,"$1",*) return 0 ;; esac; return 1; }
IFS=, read -r -a SERVER_LIST <<<"$SERVERS"
for s in "${SERVER_LIST[@]}"; do
    case $s in ferry | vsftpd | pure-ftpd | proftpd) ;; *) die "unknown server '$s' ($ALL_SERVERS)" ;; esac
done

# --- limits -----------------------------------------------------------------------------------
# Idle sessions need a descriptor each, in the server and in the load generator.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
say "open files limit: $(ulimit -n)"

# --- scratch space ----------------------------------------------------------------------------
STAMP=$(date +%Y%m%d-%H%M%S)
DATE=$(date +%Y-%m-%d)
mkdir -p "$BENCH/.work"
WORK=$(mktemp -d "$BENCH/.work/run-$STAMP-XXXX")
LOGS=$WORK/logs
mkdir -p "$LOGS"
RESULTS=$WORK/results.tsv
: >"$RESULTS"
if [ -z "$DATA" ]; then
    if [ "$MODE" = smoke ]; then
        base=/dev/shm
        [ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
        DATA=$(mktemp -d "$base/ferry-bench-smoke.XXXXXX")
        SMOKE_DATA=$DATA
    else
        DATA=/dev/shm/ferry-bench
    fi
fi
HOME_DIR=$DATA/home # every test user's root: the dataset
mkdir -p "$HOME_DIR"
STORAGE=$(stat -f -c %T "$HOME_DIR" 2>/dev/null || echo unknown)

PIDS_TO_STOP=""
RESTORE_ROOT_MODE=""
cleanup() {
    local p
    for p in $PIDS_TO_STOP; do
        stop_pid "$p" || true
    done
    if [ -n "$RESTORE_ROOT_MODE" ]; then
        chmod "$RESTORE_ROOT_MODE" /
    fi
    if [ -n "${SMOKE_DATA:-}" ]; then
        rm -rf "$SMOKE_DATA"
    fi
    if [ "$KEEP" = 0 ] && [ "$MODE" != full ]; then
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

meta() { printf 'META\t%s\t%s\n' "$1" "$2" >>"$RESULTS"; }
# A failure found by this script (a server that would not start): a result line the report shows.
fail_result() { # target scenario metric label note
    printf 'RESULT\t%s\t%s\t%s\t%s\t-\tinfo\tfail\t\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$RESULTS"
    say "FAILED: $1 $4: $5"
}

# --- Java and the load generator --------------------------------------------------------------
java_major() { # JAVA_HOME-like dir -> feature version
    local rel=$1/release v
    [ -f "$rel" ] || return 1
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
    [ -n "$v" ] && printf '%s\n' "$v"
}
JAVA=""
for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    v=$(java_major "$home" || true)
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
        JAVA=$home/bin/java
        JDK=$home
        break
    fi
done
[ -n "$JAVA" ] || die "no JDK 25 or newer found (JAVA_HOME or /usr/lib/jvm/*)"

command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build bench/loadgen"
LOADGEN_JAR=$BENCH/loadgen/target/loadgen.jar
# Built with Maven when missing or older than its sources.
if [ ! -f "$LOADGEN_JAR" ] || [ -n "$(find "$BENCH/loadgen/src" "$BENCH/loadgen/pom.xml" -newer "$LOADGEN_JAR" 2>/dev/null | head -n 1)" ]; then
    say "building the load generator"
    mvn -q -B -Dstyle.color=never -f "$BENCH/loadgen/pom.xml" package </dev/null >"$LOGS/loadgen-build.log" 2>&1 || {
        cat "$LOGS/loadgen-build.log" >&2
        die "building bench/loadgen failed"
    }
fi
LOADGEN=(env JAVA_HOME="$JDK" "$JAVA" -XX:+UseParallelGC -Xms256m -Xmx2g -jar "$LOADGEN_JAR")
lg() { "${LOADGEN[@]}" "$@"; }

# --- Ferry: build once, then run a private copy (others may rebuild target/ during the run) ----
ferry_selected() { case ",$SERVERS," in *,ferry,*) return 0 ;; esac; return 1; }
if ferry_selected; then
    say "building Ferry if needed (./ferry --version)"
    "$ROOT/ferry" --version </dev/null >"$LOGS/ferry-build.log" 2>&1 || {
        cat "$LOGS/ferry-build.log" >&2
        die "building Ferry failed"
    }
    FERRY_SNAP=$WORK/ferry-snapshot
    mkdir -p "$FERRY_SNAP/target"
    cp "$ROOT/ferry" "$FERRY_SNAP/ferry"
    cp "$ROOT/target/ferry.jar" "$FERRY_SNAP/target/ferry.jar"
    cp -r "$ROOT/target/lib" "$FERRY_SNAP/target/lib"
    FERRY_VERSION=$(FERRY_NO_BUILD=1 "$FERRY_SNAP/ferry" --version 2>/dev/null | head -n 1)
    meta ferry_version "$FERRY_VERSION ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml ferry 2>/dev/null || echo ', with uncommitted changes'))"
fi

# --- the peers --------------------------------------------------------------------------------
peer_selected() { case ",$SERVERS," in *,vsftpd,* | *,pure-ftpd,* | *,proftpd,*) return 0 ;; esac; return 1; }
VSFTPD=/usr/sbin/vsftpd
PUREFTPD=$PEERS/root/usr/sbin/pure-ftpd
PROFTPD=$PEERS/root/usr/sbin/proftpd
PROFTPD_MODULES=$PEERS/root/usr/lib/proftpd
PROFTPD_MOD_TLS=$PROFTPD_MODULES/mod_tls.so
[ -x "$VSFTPD" ] || VSFTPD=$PEERS/root/usr/sbin/vsftpd

APT_UPDATED=0
apt_install() { # packages...
    export DEBIAN_FRONTEND=noninteractive
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -q >"$LOGS/apt-update.log" 2>&1 || { cat "$LOGS/apt-update.log" >&2; die "apt-get update failed"; }
        APT_UPDATED=1
    fi
    # A package's maintainer script must not start a system-wide daemon: deny service starts
    # while installing, unless the machine already has a policy.
    local policy=/usr/sbin/policy-rc.d made=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made=1
    fi
    apt-get install -y -q --no-install-recommends "$@" </dev/null >>"$LOGS/apt-install.log" 2>&1 || {
        [ "$made" = 1 ] && rm -f "$policy"
        tail -n 30 "$LOGS/apt-install.log" >&2
        die "apt-get install $* failed"
    }
    [ "$made" = 1 ] && rm -f "$policy"
    return 0
}
# Unpack a package (which conflicts with the installed ftp-server) under bench/.peers/root and
# install the libraries it links with.
unpack_peer() { # package binary
    local pkg=$1 bin=$2 deb libs
    [ -x "$bin" ] && return 0
    say "unpacking $pkg into bench/.peers (apt-get download + dpkg -x)"
    mkdir -p "$PEERS/debs" "$PEERS/root"
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -q >"$LOGS/apt-update.log" 2>&1 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    (cd "$PEERS/debs" && apt-get download "$pkg" >>"$LOGS/apt-download.log" 2>&1) || die "apt-get download $pkg failed"
    deb=$(ls -t "$PEERS/debs/${pkg}"_*.deb | head -n 1)
    dpkg -x "$deb" "$PEERS/root"
    # Its library dependencies (lib*), without the version constraints.
    libs=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/([^)]*)//g; s/|.*//; s/ //g' | grep '^lib' | grep -v '^libpam-' || true)
    # shellcheck disable=SC2086
    [ -z "$libs" ] || apt_install $libs
    if ldd "$bin" | grep -q 'not found'; then
        ldd "$bin" | grep 'not found' >&2
        die "$bin misses libraries"
    fi
}
if peer_selected && [ "$INSTALL" = 1 ]; then
    case ",$SERVERS," in *,vsftpd,*)
        if [ ! -x "$VSFTPD" ]; then
            say "installing vsftpd with apt-get"
            apt_install vsftpd
            VSFTPD=/usr/sbin/vsftpd
        fi ;;
    esac
    case ",$SERVERS," in *,pure-ftpd,*) unpack_peer pure-ftpd "$PUREFTPD" ;; esac
    case ",$SERVERS," in *,proftpd,*) unpack_peer proftpd-core "$PROFTPD" ;; esac
    # proftpd's mod_tls is a DSO in Debian's proftpd-mod-crypto, not in proftpd-core.
    if selected ftps; then
        case ",$SERVERS," in *,proftpd,*) unpack_peer proftpd-mod-crypto "$PROFTPD_MOD_TLS" ;; esac
    fi
fi

# The peers' test user: a system user with a known password, its home the dataset.
BENCH_USER=ferrybench
BENCH_PASS=ferrybench-Pw-2026
if peer_selected; then
    if ! id "$BENCH_USER" >/dev/null 2>&1; then
        say "creating system user $BENCH_USER (home $HOME_DIR)"
        useradd -M -d "$HOME_DIR" -s /bin/bash -c "Ferry benchmark" "$BENCH_USER"
    else
        usermod -d "$HOME_DIR" "$BENCH_USER" >/dev/null 2>&1 || true
    fi
    printf '%s:%s\n' "$BENCH_USER" "$BENCH_PASS" | chpasswd
    # The peers switch to the test user before they chdir/chroot to its home (and proftpd reads
    # /etc/passwd as 'nobody'): every directory on the way must be searchable by others. Some
    # images make / mode 700; then / gets o+x for the run and its mode back at exit.
    root_mode=$(stat -c %a /)
    if [ $((0$root_mode & 1)) -eq 0 ]; then
        say "/ is mode $root_mode: adding o+x for the run (the peers' sessions run as $BENCH_USER); restored at exit"
        chmod o+x /
        RESTORE_ROOT_MODE=$root_mode
    fi
    d=$HOME_DIR
    while [ "$d" != / ]; do
        d=$(dirname "$d")
        if [ "$d" != / ] && [ $((0$(stat -c %a "$d" | tail -c 2) & 1)) -eq 0 ]; then
            die "$d is not searchable by others (mode $(stat -c %a "$d")): the peers' test user cannot reach $HOME_DIR; use --data-dir"
        fi
    done
    meta peer_password_hash "$(getent shadow "$BENCH_USER" | cut -d: -f2 | cut -d'$' -f2 | sed 's/^6$/sha512crypt/; s/^y$/yescrypt/; s/^5$/sha256crypt/')"
fi

# --- the dataset ------------------------------------------------------------------------------
say "preparing the dataset in $HOME_DIR ($STORAGE)"
mkdir -p "$HOME_DIR"
lg prepare --root "$HOME_DIR" --big-size "$BIG" --medium-size "$MEDIUM" --small-count "$SMALL_COUNT" \
    --small-size "$SMALL_SIZE" --list-count "$LIST_COUNT"
# chroot-safe (root-owned, not writable) root for the peers; upload/ belongs to the test user.
chmod 755 "$DATA" "$HOME_DIR"
if id "$BENCH_USER" >/dev/null 2>&1; then
    chown "$BENCH_USER" "$HOME_DIR/upload"
fi

# Passive ports: below the ephemeral range (32768-60999), so no clash with client ports, and wide:
# pure-ftpd caps its client count at half the passive range (troll-ftpd heritage).
PASV_RANGE=10000:31999
meta date "$DATE"
meta started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta mode "$MODE"
meta rounds "$ROUNDS (+1 warm-up); scenario 5: $IDLE_ROUNDS, each on a fresh server"
meta cores "$(nproc)"
meta memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
meta kernel "$(uname -r)"
meta os "$(. /etc/os-release && echo "$PRETTY_NAME")"
meta java "$("$JAVA" -version 2>&1 | head -n 1)"
meta storage "$HOME_DIR on $STORAGE"
meta sizes "big=$BIG medium=$MEDIUM small=${SMALL_COUNT}x$SMALL_SIZE login=${LOGIN_CLIENTS}x${LOGIN_SECONDS}s concurrent=$CONC idle=$IDLE_LEVELS list=$LIST_COUNT"
meta servers "$SERVERS"
meta open_files_limit "$(ulimit -n)"

# --- scenario 7: one certificate for every server -----------------------------------------------
# Made once per run, self-signed, for 127.0.0.1 only (the load generator trusts any certificate:
# it measures the protocol, not a trust decision). Without openssl (--smoke on a bare CI image)
# Ferry uses the self-signed certificate it makes itself, and the peers' FTPS rows are n/a.
TLS_CERT=""
TLS_KEY=""
TLS_NA="" # why the peers cannot run scenario 7 here, if they cannot
if selected ftps; then
    if command -v openssl >/dev/null 2>&1; then
        mkdir -p "$WORK/tls"
        if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
            -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" >"$LOGS/openssl.log" 2>&1; then
            chmod 600 "$WORK/tls/key.pem"
            TLS_CERT=$WORK/tls/cert.pem
            TLS_KEY=$WORK/tls/key.pem
            meta tls_certificate "self-signed EC P-256 (openssl req), the same for every server"
        else
            TLS_NA="openssl req failed (see $LOGS/openssl.log)"
        fi
    else
        TLS_NA="no openssl to make the peers' certificate"
    fi
    if [ -n "$TLS_NA" ]; then
        meta tls_certificate "Ferry's own self-signed certificate ($TLS_NA)"
    fi
fi

# --- starting and stopping servers --------------------------------------------------------------
descendants() { # pid -> all descendant pids
    local c
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$c"
        descendants "$c"
    done
}
stop_pid() { # pid: TERM, wait, KILL; then any descendant left over, by PID
    local pid=$1 kids i
    kill -0 "$pid" 2>/dev/null || return 0
    kids=$(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid did not stop on SIGTERM within 15 s; SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    for i in $kids; do
        kill -KILL "$i" 2>/dev/null || true
    done
    PIDS_TO_STOP=$(printf '%s\n' $PIDS_TO_STOP | grep -vx "$pid" | tr '\n' ' ' || true)
}

SERVER_PID=""
SERVER_PORT=""
start_server() { # name -> SERVER_PID, SERVER_PORT; with TLS_ON=1, FTPS on (scenario 7)
    local name=$1 port conf dir=$WORK/$1 lo=${PASV_RANGE%:*} hi=${PASV_RANGE#*:} tls=()
    port=$(lg free-port)
    mkdir -p "$dir"
    case $name in
        ferry)
            # A virtual user in Ferry's own data directory (made once per run), its home the dataset.
            if [ ! -f "$dir/data/users.db" ]; then
                printf '%s\n%s\n' "$BENCH_PASS" "$BENCH_PASS" |
                    FERRY_NO_BUILD=1 "$FERRY_SNAP/ferry" user add "$BENCH_USER" --home "$HOME_DIR" --data-dir "$dir/data" \
                        >>"$LOGS/ferry-user.log" 2>&1 || { cat "$LOGS/ferry-user.log" >&2; return 1; }
            fi
            # FTPS is offered by default (-Y 1), data sessions must resume the control's TLS session
            # (the default); without a certificate from this script Ferry makes its own.
            if [ "${TLS_ON:-0}" = 1 ] && [ -n "$TLS_CERT" ]; then
                tls=(--tls-cert "$TLS_CERT" --tls-key "$TLS_KEY")
            fi
            # shellcheck disable=SC2086 # FERRY_EXTRA: extra switches, word-split on purpose
            FERRY_NO_BUILD=1 "$FERRY_SNAP/ferry" serve --data-dir "$dir/data" -S "127.0.0.1,$port" -p "$PASV_RANGE" \
                -c 0 -C 0 -I 60 --login-timeout 600 --shutdown-grace 2 "${tls[@]}" ${FERRY_EXTRA:-} \
                </dev/null >>"$LOGS/ferry.log" 2>&1 &
            ;;
        vsftpd)
            mkdir -p "$dir/empty"
            chmod 755 "$dir/empty"
            conf=$dir/vsftpd.conf
            cat >"$conf" <<EOF
# written by bench/run.sh
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
allow_writeable_chroot=YES
secure_chroot_dir=$dir/empty
pam_service_name=vsftpd
pasv_enable=YES
pasv_min_port=$lo
pasv_max_port=$hi
connect_from_port_20=NO
use_sendfile=YES
max_clients=20000
max_per_ip=20000
idle_session_timeout=3600
data_connection_timeout=600
xferlog_enable=NO
dirmessage_enable=NO
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
EOF
            if [ "${TLS_ON:-0}" = 1 ]; then
                # Debian's 3.0.3 has no ssl_tlsv1_1/1_2/1_3 switches: it takes OpenSSL's range
                # (TLS 1.3 included) minus what ssl_sslv2/ssl_sslv3/ssl_tlsv1 turn off. Its
                # default cipher list (TLS 1.2 only) is RSA-only; HIGH lets an EC key do TLS 1.2.
                cat >>"$conf" <<EOF
ssl_enable=YES
rsa_cert_file=$TLS_CERT
rsa_private_key_file=$TLS_KEY
ssl_sslv2=NO
ssl_sslv3=NO
ssl_tlsv1=NO
ssl_ciphers=HIGH
require_ssl_reuse=YES
force_local_logins_ssl=NO
force_local_data_ssl=NO
allow_anon_ssl=NO
EOF
            else
                echo "ssl_enable=NO" >>"$conf"
            fi
            # vsftpd writes its start-up errors ("500 OOPS: ...") to file descriptor 0. It does no
            # reverse DNS (Debian's build has no reverse_lookup_enable; tcp_wrappers is off).
            "$VSFTPD" "$conf" 0>>"$LOGS/vsftpd.log" >>"$LOGS/vsftpd.log" 2>&1 &
            ;;
        pure-ftpd)
            # No -B: foreground. -A chroot, -E no anonymous, -H no reverse DNS, -L listing limit
            # raised above the 10,000-entry directory, -c/-C client limits raised.
            # FTPS: -Y 1 (offered, not required), -2 certificate,key.
            if [ "${TLS_ON:-0}" = 1 ]; then
                tls=(-Y 1 -2 "$TLS_CERT,$TLS_KEY")
            fi
            "$PUREFTPD" -S "127.0.0.1,$port" -p "$PASV_RANGE" -4 -A -E -H -l unix -u 1 -c 20000 -C 20000 \
                -I 60 -L 20000:5 -f none -g "$dir/pure-ftpd.pid" "${tls[@]}" </dev/null >>"$LOGS/pure-ftpd.log" 2>&1 &
            ;;
        proftpd)
            conf=$dir/proftpd.conf
            cat >"$conf" <<EOF
# written by bench/run.sh
ServerName "proftpd bench"
ServerType standalone
DefaultServer on
UseIPv6 off
DefaultAddress 127.0.0.1
SocketBindTight on
Port $port
PassivePorts $lo $hi
User nobody
Group nogroup
Umask 022
MaxInstances 20000
MaxClients none
MaxClientsPerHost none
MaxClientsPerUser none
MaxLoginAttempts 10
UseReverseDNS off
AuthOrder mod_auth_unix.c
AuthPAM off
RequireValidShell off
DefaultRoot ~
AllowOverwrite on
UseSendfile on
DelayEngine off
TimeoutIdle 3600
TimeoutNoTransfer 3600
TimeoutLogin 600
WtmpLog off
TransferLog none
ScoreboardFile $dir/proftpd.scoreboard
PidFile $dir/proftpd.pid
DelayTable $dir/proftpd.delay
SystemLog $dir/proftpd.log
EOF
            if [ "${TLS_ON:-0}" = 1 ]; then
                # mod_tls is a DSO (proftpd-mod-crypto). NoSessionReuseRequired: with TLS 1.3,
                # proftpd sends no new session ticket on an upload's data connection, and the
                # JDK's client uses each ticket once, so from the third or fourth upload in a
                # session the load generator has no ticket left and proftpd refuses the data
                # connection ("client did not reuse TLS session"). Without the check those
                # connections make a full handshake instead (about a millisecond).
                cat >>"$conf" <<EOF
ModulePath $PROFTPD_MODULES
LoadModule mod_tls.c
TLSEngine on
TLSProtocol TLSv1.2 TLSv1.3
TLSECCertificateFile $TLS_CERT
TLSECCertificateKeyFile $TLS_KEY
TLSRequired off
TLSVerifyClient off
TLSRenegotiate none
TLSOptions NoSessionReuseRequired
TLSLog $dir/proftpd-tls.log
EOF
            fi
            "$PROFTPD" -n -c "$conf" </dev/null >>"$LOGS/proftpd.log" 2>&1 &
            ;;
        floor)
            # The yardstick of scenario 2 (bench/floor/floorftpd.c), built for this machine.
            if [ ! -x "$WORK/floorftpd" ]; then
                cc -O2 -o "$WORK/floorftpd" "$BENCH/floor/floorftpd.c" >>"$LOGS/floor.log" 2>&1 || {
                    tail -n 20 "$LOGS/floor.log" >&2
                    return 1
                }
            fi
            "$WORK/floorftpd" "$port" "$HOME_DIR" "$PASV_RANGE" </dev/null >>"$LOGS/floor.log" 2>&1 &
            ;;
    esac
    SERVER_PID=$!
    SERVER_PORT=$port
    PIDS_TO_STOP="$PIDS_TO_STOP $SERVER_PID"
    if ! lg wait-ftp --port "$port" --seconds 60 2>>"$LOGS/$name.log"; then
        tail -n 20 "$LOGS/$name.log" >&2
        stop_pid "$SERVER_PID"
        return 1
    fi
    say "$name started: pid $SERVER_PID, 127.0.0.1:$port"
}

server_version() {
    case $1 in
        ferry) echo "$FERRY_VERSION" ;;
        vsftpd) "$VSFTPD" -v 0>&1 2>/dev/null | head -n 1 ;;
        pure-ftpd) dpkg-deb -f "$(ls -t "$PEERS"/debs/pure-ftpd_*.deb | head -n 1)" Package Version 2>/dev/null | tr '\n' ' ' ;;
        proftpd) "$PROFTPD" -v 2>&1 | head -n 1 ;;
    esac
}

# Scenarios 2 and 6 have short rounds: they warm up for more of them, so that a JIT-compiled server
# is measured in its steady state (a forking server has none to reach).
COMMON=(--root "$HOME_DIR" --user "$BENCH_USER" --pass "$BENCH_PASS" --rounds "$ROUNDS" --warmup 1
    --small-warmup "$SMALL_WARMUP" --list-warmup "$LIST_WARMUP"
    --big-size "$BIG" --medium-size "$MEDIUM" --small-count "$SMALL_COUNT" --small-size "$SMALL_SIZE"
    --login-clients "$LOGIN_CLIENTS" --login-seconds "$LOGIN_SECONDS" --conc-clients "$CONC"
    --idle-levels "$IDLE_LEVELS" --idle-probes "$IDLE_PROBES" --list-count "$LIST_COUNT" --out "$RESULTS")
[ -n "$VERIFY" ] && COMMON+=("$VERIFY")

STATUS=0
run_suite() { # target scenario [extra args...]: one loadgen process per scenario, each with a deadline
    local target=$1 scenario=$2
    shift 2
    lg suite --target "$target" --scenarios "$scenario" "${COMMON[@]}" --deadline-seconds "$DEADLINE" "$@" || STATUS=1
}

# A peer that cannot do FTPS here: its scenario 7 rows say n/a, with the reason; not a failure.
ftps_na() { # target reason
    local m metric label unit
    for m in "ftps_retr_big|FTPS RETR $(human "$BIG")|MB/s" "ftps_stor_big|FTPS STOR $(human "$BIG")|MB/s" \
        "ftps_login|FTPS login, $LOGIN_CLIENTS clients|logins/s"; do
        IFS='|' read -r metric label unit <<<"$m"
        printf 'RESULT\t%s\t7\t%s\t%s\t%s\thigher\tna\t\t%s\n' "$1" "$metric" "$label" "$unit" "$2" >>"$RESULTS"
    done
    say "$1: scenario 7 n/a: $2"
}
human() { # 1G -> 1 GiB, 8M -> 8 MiB (as the load generator labels sizes)
    case $1 in *G) echo "${1%G} GiB" ;; *M) echo "${1%M} MiB" ;; *K) echo "${1%K} KiB" ;; *) echo "$1 B" ;; esac
}

# Scenario 7: scenarios 1 and 3 over explicit FTPS (AUTH TLS, PBSZ 0, PROT P), on a server
# started with TLS on (the other scenarios run with TLS off, as before).
run_ftps() { # server
    local server=$1 sc
    if [ "$server" != ferry ]; then
        if [ -n "$TLS_NA" ]; then
            ftps_na "$server" "$TLS_NA"
            return 0
        fi
        if [ "$server" = proftpd ] && [ ! -f "$PROFTPD_MOD_TLS" ]; then
            ftps_na "$server" "no mod_tls.so (Debian's proftpd-mod-crypto is not unpacked; run without --no-install)"
            return 0
        fi
    fi
    if ! TLS_ON=1 start_server "$server"; then
        fail_result "$server" server start "$server start (FTPS)" "did not start with TLS on; see $LOGS/$server.log"
        STATUS=1
        return 0
    fi
    for sc in big login; do
        say "$server: scenario 7 (FTPS): $sc"
        run_suite "$server" "$sc" --tls --port "$SERVER_PORT" --server-pid "$SERVER_PID"
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            fail_result "$server" server died "$server died during FTPS $sc" "see $LOGS/$server.log"
            STATUS=1
            TLS_ON=1 start_server "$server" || return 0
        fi
    done
    stop_pid "$SERVER_PID"
}

# --- the run ----------------------------------------------------------------------------------
say "mode $MODE; servers $SERVERS; scenarios ${SELECTED#,}; rounds $ROUNDS (+1 warm-up); data on $STORAGE"
T0=$(date +%s)

# The machine's ceilings, measured before each server's turn (the machine is shared, its speed
# drifts); the report takes the median of all of them.
ceiling() {
    say "ceilings: plain loopback socket copy and sendfile of big.bin"
    lg ceiling --root "$HOME_DIR" --copy-size "$BIG" --rounds "$ROUNDS" --warmup 1 --out "$RESULTS" \
        --deadline-seconds "$DEADLINE" || STATUS=1
}
ceiling

# The load generator against a do-nothing FTP server in its own JVM: what it can drive.
ref=""
for sc in big small login concurrent listing; do
    selected "$sc" && ref+="${ref:+,}$sc"
done
if [ -n "$ref" ]; then
    say "reference: loadgen vs null server: $ref"
    # In-process server; the readback of STOR is skipped (the null server discards uploads).
    lg suite --target null --self --scenarios "$ref" "${COMMON[@]}" --user x --pass x --deadline-seconds "$DEADLINE" || STATUS=1
fi

# The floor of scenario 2: a minimal C server that does, per small download, only the system
# calls every server must make. The load generator's rate against it is the most any server can
# reach here; a target above it cannot be met on this machine with this client.
if selected small; then
    if ! command -v cc >/dev/null 2>&1; then
        say "no C compiler (cc): the floor of scenario 2 is left out"
    elif start_server floor; then
        say "floor: minimal C server, scenario small"
        run_suite floor small --port "$SERVER_PORT" --server-pid "$SERVER_PID"
        stop_pid "$SERVER_PID"
    else
        fail_result floor server start "floor start" "did not start; see $LOGS/floor.log"
        STATUS=1
    fi
fi

first=1
for server in "${SERVER_LIST[@]}"; do
    [ "$first" = 1 ] || ceiling
    first=0
    meta "version_$server" "$(server_version "$server" || true)"
    plain=()
    for sc in big small login concurrent listing; do
        selected "$sc" && plain+=("$sc")
    done
    # --smoke: idle on the same server (its memory figures mean nothing at that size anyway).
    if [ "$MODE" = smoke ] && selected idle; then
        plain+=(idle)
    fi
    if [ "${#plain[@]}" -gt 0 ]; then
        if start_server "$server"; then
            for sc in "${plain[@]}"; do
                say "$server: scenario $sc"
                if [ "$sc" = idle ]; then
                    run_suite "$server" "$sc" --port "$SERVER_PORT" --server-pid "$SERVER_PID" --rounds 1 --warmup 0
                else
                    run_suite "$server" "$sc" --port "$SERVER_PORT" --server-pid "$SERVER_PID"
                fi
                if ! kill -0 "$SERVER_PID" 2>/dev/null; then
                    fail_result "$server" server died "$server died during $sc" "see $LOGS/$server.log"
                    STATUS=1
                    start_server "$server" || break
                fi
            done
            stop_pid "$SERVER_PID"
        else
            fail_result "$server" server start "$server start" "did not start; see $LOGS/$server.log"
            STATUS=1
            continue
        fi
        # Ferry remembers passwords that passed argon2id (--login-cache, on by default), so its
        # scenario 3 with one user measures that cache. Run it once more with the cache off: the
        # cost of a full verification per login, which is what the peers pay (yescrypt).
        if [ "$server" = ferry ] && selected login && [ "$MODE" != smoke ] &&
            FERRY_NO_BUILD=1 "$FERRY_SNAP/ferry" serve --help 2>/dev/null | grep -q -- '--login-cache'; then
            if FERRY_EXTRA="--login-cache 0" start_server ferry; then
                say "ferry: scenario login, login cache off"
                run_suite ferry login --port "$SERVER_PORT" --server-pid "$SERVER_PID" --variant nocache
                stop_pid "$SERVER_PID"
            else
                fail_result ferry server start "ferry start (--login-cache 0)" "did not start; see $LOGS/ferry.log"
                STATUS=1
            fi
        fi
    fi
    if selected idle && [ "$MODE" != smoke ]; then
        # A fresh server for each round: memory is measured from a clean start.
        for r in $(seq 1 "$IDLE_ROUNDS"); do
            say "$server: scenario idle, round $r of $IDLE_ROUNDS (fresh server)"
            if start_server "$server"; then
                run_suite "$server" idle --port "$SERVER_PORT" --server-pid "$SERVER_PID" --rounds 1 --warmup 0 \
                    --timeout-seconds 300
                stop_pid "$SERVER_PID"
            else
                fail_result "$server" server start "$server start" "did not start; see $LOGS/$server.log"
                STATUS=1
            fi
        done
    fi
    if selected ftps; then
        run_ftps "$server"
    fi
done
meta duration_s "$(($(date +%s) - T0))"

# --- the report ---------------------------------------------------------------------------------
case $MODE in
    full)
        if [ "$NARROWED" = 0 ]; then
            mkdir -p "$BENCH/results"; JSON=$BENCH/results/$DATE.json; MD=$BENCH/results/$DATE.md
        else # a partial run never replaces the record of a complete one
            mkdir -p "$BENCH/.work/results"; JSON=$BENCH/.work/results/$DATE-partial.json; MD=$BENCH/.work/results/$DATE-partial.md
        fi ;;
    quick) mkdir -p "$BENCH/.work/results"; JSON=$BENCH/.work/results/$DATE-quick.json; MD=$BENCH/.work/results/$DATE-quick.md ;;
    smoke) JSON=$WORK/smoke.json; MD=$WORK/smoke.md ;;
esac
if [ -n "$JSON_OUT" ]; then
    mkdir -p "$(dirname "$JSON_OUT")"
    JSON=$JSON_OUT
    MD=${JSON_OUT%.json}.md
fi
echo
lg report --in "$RESULTS" --json "$JSON" --markdown "$MD" || STATUS=1
echo
if [ "$MODE" = full ] || [ "$KEEP" = 1 ]; then
    echo "results: $JSON"
    echo "raw results and server logs: $WORK"
elif [ "$MODE" = quick ]; then
    echo "results: $JSON (scratch directory removed; --keep keeps the server logs)"
fi
if [ "$STATUS" != 0 ]; then
    echo "run.sh: at least one scenario FAILED (see above)" >&2
    exit 1
fi
if [ "$MODE" = smoke ]; then
    echo "bench smoke: all scenarios passed"
fi
exit 0
