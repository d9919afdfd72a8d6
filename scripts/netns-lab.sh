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
# Two more cases, both about the ceiling with timestamps off (a client port is usable once per 60 s):
#   the NAT case (--client-ports N): each client namespace's ip_local_port_range holds N ports, as
#     a client behind a small NAT pool; ProFTPD users met it with pools of about 100 ports;
#   many client hosts (--client-hosts K): K client namespaces (up to 16) on one bridge, the load
#     spread over them: each adds its own ports, until the server's own rate takes over.
# The summary prints each run's model (ftpdlab.harness.model.ClientPortsModel) beside it.
#
# Usage (as root):  scripts/netns-lab.sh [-o DIR] [-c CLIENTS] [-t TRANSFERS] [-d MAX_DURATION]
#                                        [-p CLIENT_PORTS] [-k HOSTS[,HOSTS...]] [-T on|off|both]
#
#   -o, --out DIR            reports go to DIR/<run>: ts-on and ts-off, or hostsK-ts-on|off with
#                            several -k values           (LAB_OUT, default <repo>/lab-results/<date>)
#   -c, --clients N          parallel sessions, spread over the hosts  (LAB_CLIENTS, default 32)
#   -t, --transfers M        transfers per session                      (LAB_TRANSFERS, default 400)
#   -d, --max-duration D     each run stops by itself after D: 40s, 2m  (LAB_MAX_DURATION, default 60s)
#   -p, --client-ports N     each client namespace's ip_local_port_range: N ports from 40000
#                            (LAB_CLIENT_PORTS, default: the kernel's range)
#   -k, --client-hosts LIST  client namespaces per run, 1-16, e.g. 1,4,16: one run per value
#                            (LAB_CLIENT_HOSTS, default 1)
#   -T, --timestamps WHICH   the server's tcp_timestamps: on, off or both (LAB_TIMESTAMPS, default both)
#
# Environment: LAB_CLASSPATH runs `java -cp "$LAB_CLASSPATH" <main class>` instead of the shaded
# jars (tests use it); LAB_JAVA is the java binary (default: java on PATH).
#
# Only the lab's own addresses are used: 198.18.0.1 for the server, 198.18.0.2-17 for the client
# hosts (RFC 2544's benchmarking range), inside the lab's namespaces, on a bridge in the server's. The host's sysctls are never changed: tcp_timestamps is
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
client_ports=${LAB_CLIENT_PORTS:-}
client_hosts=${LAB_CLIENT_HOSTS:-1}
timestamps=${LAB_TIMESTAMPS:-both}

while [ $# -gt 0 ]; do
    case "$1" in
        -o|--out) [ $# -ge 2 ] || usage_error "$1 needs a value"; out=$2; shift 2 ;;
        -c|--clients) [ $# -ge 2 ] || usage_error "$1 needs a value"; clients=$2; shift 2 ;;
        -t|--transfers) [ $# -ge 2 ] || usage_error "$1 needs a value"; transfers=$2; shift 2 ;;
        -d|--max-duration) [ $# -ge 2 ] || usage_error "$1 needs a value"; max_duration=$2; shift 2 ;;
        -p|--client-ports) [ $# -ge 2 ] || usage_error "$1 needs a value"; client_ports=$2; shift 2 ;;
        -k|--client-hosts) [ $# -ge 2 ] || usage_error "$1 needs a value"; client_hosts=$2; shift 2 ;;
        -T|--timestamps) [ $# -ge 2 ] || usage_error "$1 needs a value"; timestamps=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done

[[ $clients =~ ^[0-9]+$ ]] && [ "$clients" -ge 1 ] || usage_error "clients must be a positive number, got '$clients'"
[[ $transfers =~ ^[0-9]+$ ]] && [ "$transfers" -ge 1 ] || usage_error "transfers must be a positive number, got '$transfers'"
if [ -n "$client_ports" ]; then
    # At least 8: a SO_REUSEADDR listener uses a quarter of them (the odd ports of the lower half).
    [[ $client_ports =~ ^[0-9]+$ ]] && [ "$client_ports" -ge 8 ] && [ "$client_ports" -le 20000 ] \
        || usage_error "client ports must be a number from 8 to 20000, got '$client_ports'"
fi
client_hosts=${client_hosts// /}
[[ $client_hosts =~ ^[0-9]+(,[0-9]+)*$ ]] || usage_error "client hosts must look like 1 or 1,4,16, got '$client_hosts'"
IFS=, read -r -a host_counts <<<"$client_hosts"
for k in "${host_counts[@]}"; do
    [ "$k" -ge 1 ] && [ "$k" -le 16 ] || usage_error "client hosts must be from 1 to 16, got '$k'"
done
case "$timestamps" in
    on|off) ts_runs=("$timestamps") ;;
    both) ts_runs=(on off) ;;
    *) usage_error "timestamps must be on, off or both, got '$timestamps'" ;;
esac
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
    model_cmd=("$java_bin" -cp "$LAB_CLASSPATH" ftpdlab.harness.model.ClientPortsModel)
else
    ftpd_jar=$root_dir/ftpd/target/ftpd.jar
    harness_jar=$root_dir/client-harness/target/client-harness.jar
    [ -f "$ftpd_jar" ] && [ -f "$harness_jar" ] \
        || die "missing $ftpd_jar or $harness_jar; build them first: (cd $root_dir && mvn -q -B package -DskipTests)" 2
    ftpd_cmd=("$java_bin" -jar "$ftpd_jar")
    harness_cmd=("$java_bin" -jar "$harness_jar")
    model_cmd=("$java_bin" -cp "$harness_jar" ftpdlab.harness.model.ClientPortsModel)
fi

[ -n "$out" ] || out=$root_dir/lab-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
out_shown=$out   # as the user gave it: a relative path stays relative in what we print (and in docs)
out=$(cd "$out" && pwd)

srv_ns=ftpdlab-srv-$$
srv_ip=198.18.0.1
ctl_port=2121
data_port=2120
tmp=
ftpd_pid=
step_pids=()
cli_nss=()
runs=()
host_ts=$(cat /proc/sys/net/ipv4/tcp_timestamps)

# Client host i (1-16): its namespace and address. Host 1 keeps the two-namespace lab's names.
cli_ns_of() { if [ "$1" -eq 1 ]; then echo "ftpdlab-cli-$$"; else echo "ftpdlab-cli-$$-$1"; fi; }
cli_ip_of() { echo "198.18.0.$((1 + $1))"; }

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
    for ns in "$srv_ns" "${cli_nss[@]}"; do
        if ip netns list 2>/dev/null | grep -qw "^$ns"; then
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || echo "$prog: could not delete namespace $ns" >&2
        fi
    done
    cli_nss=()
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local pid
    for pid in "${step_pids[@]}"; do stop_pid "$pid" 5; done
    lab_down
    [ -n "$tmp" ] && rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "$prog: interrupted" >&2; exit 130' INT
trap 'echo "$prog: terminated" >&2; exit 143' TERM

# Start a step bounded in time, its output (stdout and stderr) to a file, in the background so
# that Ctrl-C reaches the trap at once (the trap's own messages still go to our stderr).
bounded_start() {
    local secs=$1 log=$2
    shift 2
    timeout --kill-after=10 "$secs" "$@" >"$log" 2>&1 &
    step_pids+=($!)
}

# Wait for every started step; the status of the first that failed (124: it timed out).
bounded_wait() {
    local pid rc=0 one
    for pid in "${step_pids[@]}"; do
        one=0
        wait "$pid" || one=$?
        [ "$one" -ne 124 ] || echo "$prog: a step timed out" >&2
        [ "$rc" -ne 0 ] || rc=$one
    done
    step_pids=()
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

# Bring the lab up, fresh for each run: the server's namespace with a bridge holding its address,
# and $2 client namespaces, each joined to the bridge by a veth pair created inside the namespaces
# (never in the host's), their port range limited when asked; timestamps set in the server's;
# ftpd started there. Fresh, because TIME_WAIT entries live in the namespace: the timestamps-off
# run must not find the on run's (recyclable) entries, nor the on run the off run's.
lab_up() {
    local ts=$1 hosts=$2 i ns
    ip netns add "$srv_ns" || die "cannot create network namespace $srv_ns ('ip netns' does not work here)" 2
    ip -n "$srv_ns" link set lo up
    ip -n "$srv_ns" link add br-lab type bridge
    ip -n "$srv_ns" addr add "$srv_ip/24" dev br-lab
    ip -n "$srv_ns" link set br-lab up
    for ((i = 1; i <= hosts; i++)); do
        ns=$(cli_ns_of "$i")
        ip netns add "$ns" || die "cannot create network namespace $ns" 2
        cli_nss+=("$ns")
        ip -n "$srv_ns" link add "veth-h$i" type veth peer name veth-cli netns "$ns"
        ip -n "$srv_ns" link set "veth-h$i" master br-lab up
        ip -n "$ns" addr add "$(cli_ip_of "$i")/24" dev veth-cli
        ip -n "$ns" link set lo up
        ip -n "$ns" link set veth-cli up
        if [ -n "$client_ports" ]; then
            ip netns exec "$ns" sysctl -qw net.ipv4.ip_local_port_range="40000 $((40000 + client_ports - 1))"
        fi
    done
    ip -n "$(cli_ns_of 1)" route get "$srv_ip" | grep -q 'dev veth-cli' \
        || die "no route from $(cli_ns_of 1) to $srv_ip over the bridge"
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

# One run: $1 the server's timestamps, $2 the client hosts. Reports in $out/<run> (one host) or
# $out/<run>/hostI (several), and beside them what the summary needs.
run_load() {
    local ts=$1 hosts=$2 name i ns per_host report opts=()
    name=ts-$ts
    [ ${#host_counts[@]} -eq 1 ] && [ "$hosts" -eq 1 ] || name=hosts$hosts-ts-$ts
    per_host=$(( (clients + hosts - 1) / hosts ))
    # Several JVMs share the cores: small heaps and the quick compiler keep them from starving ftpd.
    [ "$hosts" -eq 1 ] || opts=(env "JAVA_TOOL_OPTIONS=-Xmx160m -XX:TieredStopAtLevel=1")
    echo "$prog: run $name: fresh namespaces, server net.ipv4.tcp_timestamps=$ts, $hosts client host(s) x $per_host" \
        "clients x $transfers active RETR of 1 KiB${client_ports:+, $client_ports client ports each}, at most $max_duration" >&2
    lab_up "$ts" "$hosts"
    rm -rf "${out:?}/$name"
    for ((i = 1; i <= hosts; i++)); do
        ns=$(cli_ns_of "$i")
        report=$out/$name
        [ "$hosts" -eq 1 ] || report=$out/$name/host$i
        bounded_start $(( max_s + 120 )) "$out/$name.host$i.txt" "${opts[@]}" \
            ip netns exec "$ns" "${harness_cmd[@]}" run \
            --host "$srv_ip" --port "$ctl_port" --user lab --password "$password" \
            --mode active --op retr --size 1KiB \
            --clients "$per_host" --transfers "$transfers" --max-duration "$max_duration" \
            --quiet --report "$report" --setting network=netns --setting "server.tcp_timestamps=$ts" \
            --setting "client.hosts=$hosts" ${client_ports:+--setting "client.ports=$client_ports"}
    done
    bounded_wait || die "a harness run of $name failed: $(tail -n 3 "$out/$name.host1.txt")"
    ip netns exec "$(cli_ns_of 1)" cat /proc/sys/net/ipv4/ip_local_port_range >"$out/$name.client-range"
    if [ "$hosts" -eq 1 ]; then
        mv "$out/$name.host1.txt" "$out/$name.txt"
        cat "$out/$name.txt"
        [ -f "$out/$name/results.json" ] || die "run $name wrote no $out/$name/results.json"
    else
        for ((i = 1; i <= hosts; i++)); do
            [ -f "$out/$name/host$i/results.json" ] || die "run $name wrote no $out/$name/host$i/results.json"
        done
    fi
    # The harness cannot see the server's sockets from its namespace; count them here.
    ip netns exec "$srv_ns" ss -Htn state time-wait "( sport = :$data_port )" | wc -l >"$out/$name.server-timewait"
    runs+=("$name")
    lab_down
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftpdlab-netns.XXXXXX")
mkdir "$tmp/root"
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

for k in "${host_counts[@]}"; do
    for ts in "${ts_runs[@]}"; do
        run_load "$ts" "$k"
    done
done

# Per run: the client-side counts over every host, the server's TIME_WAIT count, and the model
# beside them (ClientPortsModel with timestamps off; no 'Cannot assign' failure with them on).
summary() {
    LAB_SESSIONS=$clients LAB_MODEL_CMD=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${model_cmd[@]}") \
        python3 - "$out" "$@" <<'EOF'
import glob, json, os, subprocess, sys
out, runs = sys.argv[1], sys.argv[2:]
model = json.loads(os.environ["LAB_MODEL_CMD"])
for run in runs:
    files = sorted(glob.glob(os.path.join(out, run, "results.json")) + glob.glob(os.path.join(out, run, "host*", "results.json")))
    def read(suffix):
        try:
            with open(os.path.join(out, run + suffix)) as f:
                return f.read().strip()
        except OSError:
            return "?"
    tw, rng = read(".server-timewait"), read(".client-range").split()
    transfers, ok, refused, cannot, duration, setting, first, stats = 0, 0, 0, 0, 0, {}, None, None
    for path in files:
        with open(path) as f:
            report = json.load(f)
        for phase in report["phases"]:
            setting = phase.get("setting") or {}
            stats = phase.get("serverStats")
            records = phase.get("transfers") or []
            transfers += len(records)
            ok += sum(1 for t in records if t.get("ok"))
            r425 = [t for t in records if t.get("replyCode") == 425]
            refused += len(r425)
            cannot += sum(1 for t in r425 if "Cannot assign" in (t.get("replyText") or ""))
            duration = max(duration, phase.get("durationMs", 0))
            if r425:
                start = min(t["startMs"] for t in r425)
                first = start if first is None else min(first, start)
    hosts = len(files)
    print("  %-16s %s" % (run + ":", ", ".join("%s=%s" % kv for kv in sorted(setting.items()))))
    print("          %d host(s), client port range %s; transfers %d in %.1f s: ok %d, failed %d (425: %d, of them"
          " 'Cannot assign requested address': %d)" % (hosts, "-".join(rng), transfers, duration / 1000.0, ok,
                                                       transfers - ok, refused, cannot))
    if hosts == 1:
        # With several hosts each harness's SITE STATS delta counts the others' transfers too.
        print("          connect.failures.EADDRNOTAVAIL %s" % ("n/a (no SITE STATS)" if stats is None
                                                              else stats.get("connect.failures.EADDRNOTAVAIL", 0)))
    print("          first 425 at %s; server TIME_WAIT sockets on the data port after the run: %s"
          % ("-" if first is None else "%d ms" % first, tw))
    if tw.isdigit():
        # Every TIME_WAIT entry is one distinct client (ip, port); an ok transfer beyond them reused
        # a 4-tuple still in TIME_WAIT, which the kernel recycled.
        print("          ok transfers to a client port still in TIME_WAIT (recycled): %d" % max(0, ok - int(tw)))
    if setting.get("server.tcp_timestamps") == "off" and len(rng) == 2:
        per_host = (int(os.environ["LAB_SESSIONS"]) + hosts - 1) // hosts
        line = subprocess.run(model + [rng[0], rng[1], str(hosts), str(per_host), str(transfers),
                                       "%.3f" % (duration / 1000.0), str(ok)], capture_output=True, text=True)
        print("\n".join("          " + l for l in (line.stdout.strip() or "model failed: " + line.stderr.strip()).splitlines()))
    else:
        print("          model TIME_WAIT recycling: 'Cannot assign' failures predicted 0, measured %d" % cannot)
EOF
}

echo
echo "netns lab summary ($clients clients x $transfers transfers, 1 KiB active RETR, ftpd --bind-strategy reuseport):"
summary "${runs[@]}"
echo "reports: $out_shown/<run>/report.html, or $out_shown/<run>/hostI/report.html with several hosts (results.json and transfers.csv beside them)"
