#!/usr/bin/env bash
# The netns lab: ftpd and the load harness in two network namespaces joined by a veth pair,
# the same active-mode load run twice, TCP timestamps on then off in the server's namespace.
#
# What it shows: ftpd connects every active data connection from one fixed port (2120) to the
# client's listener port. When a client port repeats while the server's previous connection to
# it (198.18.0.1:2120 -> 198.18.0.2:port) is still in TIME_WAIT, connect() can only succeed if
# the kernel may recycle that TIME_WAIT entry, which needs TCP timestamps on the old connection.
# With timestamps off, connect() fails with EADDRNOTAVAIL and ftpd answers
# "425 Can't build data connection: Cannot assign requested address." (SITE STATS:
# connect.failures.EADDRNOTAVAIL).
#
# Each run gets fresh namespaces and a fresh ftpd: TIME_WAIT entries belong to the namespace, and
# the second run must not meet the first run's.
#
# Usage (as root):  scripts/netns-lab.sh [-o DIR] [-c CLIENTS] [-t TRANSFERS] [-d MAX_DURATION]
#
#   -o, --out DIR            reports go to DIR/ts-on and DIR/ts-off   (LAB_OUT, default <repo>/lab-results/<date>)
#   -c, --clients N          parallel sessions                          (LAB_CLIENTS, default 32)
#   -t, --transfers M        transfers per session                      (LAB_TRANSFERS, default 400)
#   -d, --max-duration D     each run stops by itself after D: 40s, 2m  (LAB_MAX_DURATION, default 60s)
#
# Environment: LAB_CLASSPATH runs `java -cp "$LAB_CLASSPATH" <main class>` instead of the shaded
# jars (tests use it); LAB_JAVA is the java binary (default: java on PATH).
#
# Only the lab's own addresses are used: 198.18.0.1 and 198.18.0.2 (RFC 2544's benchmarking
# range), inside the lab's namespaces. The host's sysctls are never changed: tcp_timestamps is
# set inside the server namespace only. Everything is removed on exit, on failure and on Ctrl-C.
set -euo pipefail

prog=netns-lab
die() { echo "$prog: $1" >&2; exit "${2:-1}"; }
usage_error() { echo "$prog: $1 (see --help)" >&2; exit 2; }

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${LAB_OUT:-}
clients=${LAB_CLIENTS:-32}
transfers=${LAB_TRANSFERS:-400}
max_duration=${LAB_MAX_DURATION:-60s}
java_bin=${LAB_JAVA:-java}

while [ $# -gt 0 ]; do
    case "$1" in
        -o|--out) [ $# -ge 2 ] || usage_error "$1 needs a value"; out=$2; shift 2 ;;
        -c|--clients) [ $# -ge 2 ] || usage_error "$1 needs a value"; clients=$2; shift 2 ;;
        -t|--transfers) [ $# -ge 2 ] || usage_error "$1 needs a value"; transfers=$2; shift 2 ;;
        -d|--max-duration) [ $# -ge 2 ] || usage_error "$1 needs a value"; max_duration=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done

[[ $clients =~ ^[0-9]+$ ]] && [ "$clients" -ge 1 ] || usage_error "clients must be a positive number, got '$clients'"
[[ $transfers =~ ^[0-9]+$ ]] && [ "$transfers" -ge 1 ] || usage_error "transfers must be a positive number, got '$transfers'"
# The harness's own duration syntax (ms, s, m, h); the step timeouts need it in seconds.
if [[ $max_duration =~ ^([0-9]+)(ms|s|m|h)?$ ]]; then
    case "${BASH_REMATCH[2]}" in
        ms) max_s=$(( (BASH_REMATCH[1] + 999) / 1000 )) ;;
        m) max_s=$(( BASH_REMATCH[1] * 60 )) ;;
        h) max_s=$(( BASH_REMATCH[1] * 3600 )) ;;
        *) max_s=${BASH_REMATCH[1]} ;;
    esac
else
    usage_error "max duration must look like 40s, 2m or 500ms, got '$max_duration'"
fi

[ "$(id -u)" -eq 0 ] || die "needs root (it creates network namespaces); try: sudo $0" 2
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here (iproute2 missing or no permission)" 2
command -v "$java_bin" >/dev/null || die "no java ('$java_bin') on PATH; set LAB_JAVA" 2
command -v python3 >/dev/null || die "needs python3 to read results.json" 2

if [ -n "${LAB_CLASSPATH:-}" ]; then
    ftpd_cmd=("$java_bin" -cp "$LAB_CLASSPATH" ftpdlab.cli.FtpdCommand)
    harness_cmd=("$java_bin" -cp "$LAB_CLASSPATH" ftpdlab.harness.cli.HarnessCommand)
else
    ftpd_jar=$root_dir/ftpd/target/ftpd.jar
    harness_jar=$root_dir/client-harness/target/client-harness.jar
    [ -f "$ftpd_jar" ] && [ -f "$harness_jar" ] \
        || die "missing $ftpd_jar or $harness_jar; build them first: (cd $root_dir && mvn -q -B package -DskipTests)" 2
    ftpd_cmd=("$java_bin" -jar "$ftpd_jar")
    harness_cmd=("$java_bin" -jar "$harness_jar")
fi

[ -n "$out" ] || out=$root_dir/lab-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
out=$(cd "$out" && pwd)

srv_ns=ftpdlab-srv-$$
cli_ns=ftpdlab-cli-$$
srv_ip=198.18.0.1
cli_ip=198.18.0.2
ctl_port=2121
data_port=2120
tmp=
ftpd_pid=
step_pid=
host_ts=$(cat /proc/sys/net/ipv4/tcp_timestamps)

# Stop one process we started (a `timeout` wrapper, which passes TERM on to its command),
# giving it up to $2 seconds before KILL.
stop_pid() {
    local pid=$1 grace=$2 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Take the lab down: ftpd, anything left in the namespaces (all started here), the namespaces.
lab_down() {
    local ns pid
    stop_pid "$ftpd_pid" 12
    ftpd_pid=
    for ns in "$srv_ns" "$cli_ns"; do
        if ip netns list 2>/dev/null | grep -qw "^$ns"; then
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || echo "$prog: could not delete namespace $ns" >&2
        fi
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$step_pid" 5
    lab_down
    [ -n "$tmp" ] && rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "$prog: interrupted" >&2; exit 130' INT
trap 'echo "$prog: terminated" >&2; exit 143' TERM

# Run a step bounded in time, its output (stdout and stderr) to a file, in the background so
# that Ctrl-C reaches the trap at once (the trap's own messages still go to our stderr).
bounded() {
    local secs=$1 log=$2 rc=0
    shift 2
    timeout --kill-after=10 "$secs" "$@" >"$log" 2>&1 &
    step_pid=$!
    wait "$step_pid" || rc=$?
    step_pid=
    [ "$rc" -ne 124 ] || echo "$prog: timed out after ${secs}s: $*" >&2
    return "$rc"
}

set_server_timestamps() {
    ip netns exec "$srv_ns" sysctl -qw "net.ipv4.tcp_timestamps=$1"
    # On a kernel where this sysctl were not per namespace, the write would have hit the host.
    if [ "$(cat /proc/sys/net/ipv4/tcp_timestamps)" != "$host_ts" ]; then
        echo "$host_ts" > /proc/sys/net/ipv4/tcp_timestamps
        die "net.ipv4.tcp_timestamps is not per network namespace on this kernel; restored the host's value, stopping"
    fi
    [ "$(ip netns exec "$srv_ns" sysctl -n net.ipv4.tcp_timestamps)" = "$1" ] \
        || die "could not set net.ipv4.tcp_timestamps=$1 in $srv_ns"
}

# Bring the lab up, fresh for each run: two namespaces, one veth pair created inside them (never
# in the host's namespace), timestamps set in the server's, ftpd started there. Fresh, because
# TIME_WAIT entries live in the namespace: the timestamps-off run must not find the on run's
# (recyclable) entries, nor the on run the off run's.
lab_up() {
    local ts=$1 i
    ip netns add "$srv_ns" || die "cannot create network namespace $srv_ns ('ip netns' does not work here)" 2
    ip netns add "$cli_ns" || die "cannot create network namespace $cli_ns" 2
    ip -n "$srv_ns" link add veth-srv type veth peer name veth-cli netns "$cli_ns"
    ip -n "$srv_ns" addr add "$srv_ip/24" dev veth-srv
    ip -n "$cli_ns" addr add "$cli_ip/24" dev veth-cli
    for ns in "$srv_ns" "$cli_ns"; do ip -n "$ns" link set lo up; done
    ip -n "$srv_ns" link set veth-srv up
    ip -n "$cli_ns" link set veth-cli up
    ip -n "$cli_ns" route get "$srv_ip" | grep -q 'dev veth-cli' \
        || die "no route from $cli_ns to $srv_ip over the veth pair"
    set_server_timestamps "$([ "$ts" = on ] && echo 1 || echo 0)"

    : >"$tmp/ftpd.out"
    timeout --kill-after=15 $(( max_s + 180 )) ip netns exec "$srv_ns" "${ftpd_cmd[@]}" \
        --host "$srv_ip" --port "$ctl_port" --data-port "$data_port" --bind-strategy reuseport \
        --user lab --password "$password" --anonymous=false --root "$tmp/root" >"$tmp/ftpd.out" 2>"$tmp/ftpd.err" &
    ftpd_pid=$!
    for ((i = 0; i < 300; i++)); do
        grep -q '^ftpd-lab FTP server on' "$tmp/ftpd.out" && break
        kill -0 "$ftpd_pid" 2>/dev/null || die "ftpd stopped before its banner: $(tail -n 3 "$tmp/ftpd.err" | tr '\n' ' ')"
        sleep 0.1
    done
    grep -q '^ftpd-lab FTP server on' "$tmp/ftpd.out" || die "no banner from ftpd within 30 s"
    echo "$prog: $(head -n 1 "$tmp/ftpd.out")" >&2
}

run_load() {
    local ts=$1 name=ts-$1
    echo "$prog: run $name: fresh namespaces $srv_ns / $cli_ns, server net.ipv4.tcp_timestamps=$ts," \
        "$clients clients x $transfers active RETR of 1 KiB, at most $max_duration" >&2
    lab_up "$ts"
    bounded $(( max_s + 120 )) "$out/$name.txt" ip netns exec "$cli_ns" "${harness_cmd[@]}" run \
        --host "$srv_ip" --port "$ctl_port" --user lab --password "$password" \
        --mode active --op retr --size 1KiB \
        --clients "$clients" --transfers "$transfers" --max-duration "$max_duration" \
        --quiet --report "$out/$name" --setting network=netns --setting "server.tcp_timestamps=$ts" \
        || die "the harness run $name failed (exit $?): $(tail -n 3 "$out/$name.txt")"
    cat "$out/$name.txt"
    [ -f "$out/$name/results.json" ] || die "run $name wrote no $out/$name/results.json"
    # The harness cannot see the server's sockets from its namespace; count them here.
    ip netns exec "$srv_ns" ss -Htn state time-wait "( sport = :$data_port )" | wc -l >"$out/$name.server-timewait"
    lab_down
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftpdlab-netns.XXXXXX")
mkdir "$tmp/root"
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

run_load on
run_load off

summary() {
    python3 - "$@" <<'EOF'
import json, os, sys
for path in sys.argv[1:]:
    run = os.path.basename(os.path.dirname(path))
    with open(path) as f:
        report = json.load(f)
    try:
        with open(os.path.dirname(path) + ".server-timewait") as f:
            tw = f.read().strip()
    except OSError:
        tw = "?"
    for phase in report["phases"]:
        setting = phase.get("setting") or {}
        transfers = phase.get("transfers") or []
        ok = sum(1 for t in transfers if t.get("ok"))
        refused = [t for t in transfers if t.get("replyCode") == 425]
        stats = phase.get("serverStats")
        eaddr = "n/a (no SITE STATS)" if stats is None else stats.get("connect.failures.EADDRNOTAVAIL", "0")
        first = min((t["startMs"] for t in refused), default=None)
        print("  %-7s %s" % (run + ":", ", ".join("%s=%s" % kv for kv in sorted(setting.items()))))
        print("          transfers %d in %.1f s: ok %d, failed %d (425: %d); connect.failures.EADDRNOTAVAIL %s"
              % (len(transfers), phase.get("durationMs", 0) / 1000.0, ok, len(transfers) - ok, len(refused), eaddr))
        print("          first 425 at %s; server TIME_WAIT sockets on the data port after the run: %s"
              % ("-" if first is None else "%d ms" % first, tw))
        if tw.isdigit():
            # Every TIME_WAIT entry is one distinct client port; an ok transfer beyond them reused
            # a 4-tuple still in TIME_WAIT, which the kernel recycled.
            print("          ok transfers to a client port still in TIME_WAIT (recycled): %d" % max(0, ok - int(tw)))
EOF
}

echo
echo "netns lab summary ($clients clients x $transfers transfers, 1 KiB active RETR, ftpd --bind-strategy reuseport):"
summary "$out/ts-on/results.json" "$out/ts-off/results.json"
echo "reports: $out/ts-on/report.html  $out/ts-off/report.html  (results.json, transfers.csv next to them)"
