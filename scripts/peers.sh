#!/usr/bin/env bash
# The peer bench: the same harness load against ftpd-lab and the servers people know, on this machine, in one run.
# docs/peers.md has a measured run and reads it; `scripts/peers.sh --help` says what this does.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: scripts/peers.sh [--rounds N] [--clients 32,64] [--duration 5s] [--warmup 20s] [--only NAME,...] [--out DIR]

The peer bench: 1 KiB active-mode RETR from the client-harness against ftpd-lab (bind strategies reuseport and
ephemeral) and vsftpd, ProFTPD, pure-ftpd (Debian packages) and Apache FtpServer (Maven Central), each on loopback
with its fixed active data port where it has one, interleaved over rounds, plus the raw-loop ceiling
(client-harness ceiling: connect from one SO_REUSEPORT port, write 1 KiB, close; no FTP).

Prints per server and client count: transfers/s (median and range over the rounds), the ratio to the fastest peer,
the share of the raw loop's rate, the server's CPU us per transfer (its own cgroup, forked children included) and
the harness's CPU us per transfer (its process, over the load phase only).

Everything it installs, configures and writes stays in peers-lab/ of the checkout (git-ignored): the packages are
unpacked with `apt-get download` + `dpkg -x`, never installed, and no service or system file is touched. Every
server it starts is stopped on exit, Ctrl-C included. Needs root (the cgroups, and the Debian servers' own
privilege drop to nobody/daemon), Linux, JDK 17, Maven, apt-get.

Options:
  --rounds N        interleaved rounds (1-20, default 3)
  --clients LIST    client counts, comma-separated (each 1-1000, at most 4; default 32,64)
  --duration D      load time per measurement, e.g. 5s or 5 (2-120 s, default 5s)
  --warmup D        unmeasured load per server before the rounds (1-120 s, default 20s): the JVM servers
                    compile their hot paths, the forking ones start their workers. Each measurement also
                    begins with 2 s of its load in the same harness process, not measured (harness --warmup),
                    so that the new harness JVM's compiling does not count as any server's cost
  --only LIST       servers to run, comma-separated, from:
                    ftpd-reuseport, ftpd-ephemeral, vsftpd, proftpd, pure-ftpd, apache-ftpserver, ceiling
                    (default: all)
  --out DIR         where the results go (default peers-lab/out/<date-time>)
  -h, --help        this help

Above 32 clients the clients are spread over loopback addresses 127.0.0.2, .3, ... (32 each): ftpd-lab admits at
most 32 connections per address that have not logged in yet (limits.prelogin.max-per-address, a flood defence),
and a real population of that size comes from many addresses. Every server gets the same spread.

Output: the table on stdout; DIR/peers.tsv (one row per server and client count), DIR/cells.tsv (one row per
measurement), DIR/servers.tsv (versions, ports, accounts), DIR/cells/* (each harness report and CPU samples).
A run with the defaults takes about 9 minutes.
EOF
}

ALL_SERVERS="ftpd-reuseport ftpd-ephemeral vsftpd proftpd pure-ftpd apache-ftpserver ceiling"

usage_error() {
    echo "peers.sh: $* (see --help)" >&2
    exit 2
}

fail() {
    echo "peers.sh: $*" >&2
    exit 1
}

is_int_in() { # value min max
    [[ $1 =~ ^[0-9]{1,7}$ ]] && (( 10#$1 >= $2 && 10#$1 <= $3 ))
}

COMMAND_LINE="scripts/peers.sh $*"
rounds=3
clients_list=32,64
duration=5
warmup=20
only=""
out=""

while (( $# > 0 )); do
    arg=$1
    case $arg in
        -h|--help) usage; exit 0 ;;
        --rounds=*|--clients=*|--duration=*|--warmup=*|--only=*|--out=*) name=${arg%%=*}; value=${arg#*=}; shift ;;
        --rounds|--clients|--duration|--warmup|--only|--out)
            (( $# >= 2 )) || usage_error "$arg needs a value"
            name=$arg; value=$2; shift 2 ;;
        *) usage_error "unknown argument '$arg'" ;;
    esac
    case $name in
        --rounds) is_int_in "$value" 1 20 || usage_error "--rounds must be 1-20, not '$value'"
                  rounds=$((10#$value)) ;;
        --clients)
            [[ $value =~ ^[0-9]+(,[0-9]+){0,3}$ ]] || usage_error "--clients must be 1 to 4 numbers like 32,64, not '$value'"
            for c in ${value//,/ }; do
                is_int_in "$c" 1 1000 || usage_error "--clients: each count must be 1-1000, not '$c'"
            done
            clients_list=$value ;;
        --duration)
            seconds=${value%s}
            is_int_in "$seconds" 2 120 || usage_error "--duration must be 2s-120s, not '$value'"
            duration=$((10#$seconds)) ;;
        --warmup)
            seconds=${value%s}
            is_int_in "$seconds" 1 120 || usage_error "--warmup must be 1s-120s, not '$value'"
            warmup=$((10#$seconds)) ;;
        --only)
            [[ -n $value ]] || usage_error "--only needs at least one name"
            for s in ${value//,/ }; do
                [[ " $ALL_SERVERS " == *" $s "* ]] || usage_error "--only: unknown server '$s' (one of: ${ALL_SERVERS// /, })"
            done
            only=${value//,/ } ;;
        --out) [[ -n $value ]] || usage_error "--out needs a directory"
               out=$value ;;
    esac
done
servers=${only:-$ALL_SERVERS}

cd "$(dirname "$0")/.."
ROOT=$PWD
LAB=$ROOT/peers-lab
RUN=$LAB/run
TREE=$LAB/tree
FILE=peers-1KiB.bin
OUT=${out:-$LAB/out/$(date +%Y%m%d-%H%M%S)}
HARNESS_JAR=$ROOT/client-harness/target/client-harness.jar
FTPD_JAR=$ROOT/ftpd/target/ftpd.jar
LIBS=$LAB/root/usr/lib/x86_64-linux-gnu:$LAB/root/lib/x86_64-linux-gnu

wants() { [[ " $servers " == *" $1 "* ]]; }
wants_debian() { wants vsftpd || wants proftpd || wants pure-ftpd; }

[[ $(uname -s) == Linux ]] || fail "Linux only (cgroups, /proc, the Debian packages)"
command -v java >/dev/null || fail "java (JDK 17) not found"
if wants_debian; then
    [[ $(id -u) == 0 ]] || fail "needs root: vsftpd, ProFTPD and pure-ftpd start as root and drop to nobody/daemon (or use --only ftpd-reuseport,ftpd-ephemeral,apache-ftpserver,ceiling)"
    command -v apt-get >/dev/null && command -v dpkg >/dev/null || fail "apt-get and dpkg are needed to fetch the Debian servers"
fi

# ---------------------------------------------------------------- what runs where
# name: control port, active data port (what the harness's socket sampler watches), account
declare -A CONTROL=([vsftpd]=2221 [proftpd]=2321 [pure-ftpd]=2421 [apache-ftpserver]=2521 [ftpd-reuseport]=2621 [ftpd-ephemeral]=2721)
# vsftpd: ftp_data_port; ProFTPD: control - 1 with RootRevoke off; pure-ftpd: compiled-in 20 first (running as
# root); Apache FtpServer: activeLocalPort; ftpd-lab: --data-port (ephemeral binds port 0 whatever it says).
declare -A DATA=([vsftpd]=2220 [proftpd]=2320 [pure-ftpd]=20 [apache-ftpserver]=2520 [ftpd-reuseport]=2620 [ftpd-ephemeral]=2720)
declare -A USER_OF=([pure-ftpd]=peers)
declare -A PASS_OF=([pure-ftpd]=peers)
declare -A PID_OF=()

# ---------------------------------------------------------------- stopping everything, always
CG=""
SAMPLER_FD=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for name in "${!PID_OF[@]}"; do
        kill -TERM -- "-${PID_OF[$name]}" 2>/dev/null || true
    done
    for name in "${!PID_OF[@]}"; do
        local pid=${PID_OF[$name]} i
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            read -rt 0.1 -u "$SAMPLER_FD" _ 2>/dev/null || true
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n ${HARNESS_PID:-} ]]; then
        kill -TERM "$HARNESS_PID" 2>/dev/null || true
        wait "$HARNESS_PID" 2>/dev/null || true
    fi
    if [[ -n $CG && -d $CG ]]; then
        # A cgroup can be removed once its processes are gone; forked children may take a moment to exit.
        for ((i = 0; i < 50; i++)); do
            rmdir "$CG"/*/ 2>/dev/null || true
            rmdir "$CG" 2>/dev/null && break
            read -rt 0.1 -u "$SAMPLER_FD" _ 2>/dev/null || true
        done
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A pipe nobody writes to: `read -t` on it is a sleep without a fork (the sampler runs every 50 ms).
exec {SAMPLER_FD}<> <(:)
pause() { read -rt "$1" -u "$SAMPLER_FD" _ 2>/dev/null || true; }

# ---------------------------------------------------------------- installing into peers-lab/
say() { echo "peers: $*" >&2; }

fetch_debs() {
    # The servers and the libraries they need that this system lacks; nothing is installed, only unpacked.
    local want="$*" have deps dep todo round
    mkdir -p "$LAB/debs" "$LAB/root"
    for ((round = 0; round < 5 && ${#want} > 0; round++)); do
        (cd "$LAB/debs" && apt-get download $want) >> "$LAB/apt.log" 2>&1 \
            || { apt-get update >> "$LAB/apt.log" 2>&1 && (cd "$LAB/debs" && apt-get download $want) >> "$LAB/apt.log" 2>&1; } \
            || fail "apt-get download $want failed; see $LAB/apt.log"
        deps=$(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances $want \
            | awk '$1 ~ /Depends:$/ && $2 ~ /^lib/ {print $2}' | sort -u)
        todo=""
        for dep in $deps; do
            have=$(dpkg-query -W -f='${db:Status-Status}' "$dep" 2>/dev/null || true)
            [[ $have == installed ]] && continue
            compgen -G "$LAB/debs/${dep}_*.deb" >/dev/null && continue
            todo="$todo $dep"
        done
        want=${todo# }
    done
    for deb in "$LAB"/debs/*.deb; do dpkg -x "$deb" "$LAB/root"; done
}

install_peers() {
    mkdir -p "$RUN" "$TREE" "$LAB/empty" "$LAB/classes"
    chmod 755 "$LAB" "$TREE" "$LAB/empty"
    [[ -s $TREE/$FILE ]] || head -c 1024 /dev/urandom > "$TREE/$FILE"
    chmod 644 "$TREE/$FILE"
    if wants_debian && ! [[ -x $LAB/root/usr/sbin/vsftpd && -x $LAB/root/usr/sbin/proftpd && -x $LAB/root/usr/sbin/pure-ftpd ]]; then
        say "fetching vsftpd, proftpd-core, pure-ftpd (Debian packages, unpacked into peers-lab/root)"
        fetch_debs vsftpd proftpd-core pure-ftpd
    fi
    if wants_debian; then
        local b missing
        for b in vsftpd proftpd pure-ftpd; do
            missing=$(LD_LIBRARY_PATH=$LIBS ldd "$LAB/root/usr/sbin/$b" | awk '/not found/ {print $1}' | tr '\n' ' ')
            [[ -z $missing ]] || fail "$b still lacks $missing; delete peers-lab/debs and peers-lab/root to fetch again"
        done
    fi
    if wants apache-ftpserver && ! compgen -G "$LAB/apache/lib/ftpserver-core-*.jar" >/dev/null; then
        say "fetching Apache FtpServer 1.2.1 and its dependencies from Maven Central into peers-lab/apache/lib"
        local a
        for a in org.apache.ftpserver:ftpserver-core:1.2.1 org.apache.ftpserver:ftplet-api:1.2.1 \
                 org.apache.mina:mina-core:2.2.4 org.slf4j:slf4j-api:1.7.36 org.slf4j:slf4j-nop:1.7.36; do
            mvn -q -B dependency:copy -Dartifact="$a" -DoutputDirectory="$LAB/apache/lib" >> "$LAB/mvn.log" 2>&1 \
                || fail "mvn dependency:copy $a failed; see $LAB/mvn.log"
        done
    fi
    if wants apache-ftpserver; then
        javac -d "$LAB/classes" -cp "$LAB/apache/lib/*" "$ROOT/scripts/peers/ApacheFtpServerLauncher.java"
    fi
    if ! [[ -s $HARNESS_JAR && -s $FTPD_JAR ]]; then
        say "building ftpd-lab (mvn package -DskipTests)"
        mvn -q -B package -DskipTests >> "$LAB/mvn.log" 2>&1 || fail "the build failed; see $LAB/mvn.log"
    fi
    javac -d "$LAB/classes" -cp "$HARNESS_JAR" "$ROOT/scripts/peers/PeerReport.java"
}

# ---------------------------------------------------------------- each server's configuration, in peers-lab/run
home_user() {
    # vsftpd changes to its anonymous user's home before anon_root: that home must exist.
    local u
    for u in nobody daemon bin; do
        local home
        home=$(getent passwd "$u" | cut -d: -f6)
        if [[ -n $home && -d $home ]]; then echo "$u"; return; fi
    done
    fail "no system user with an existing home directory for vsftpd's anonymous login"
}

write_configs() {
    if wants vsftpd; then
        cat > "$RUN/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=${CONTROL[vsftpd]}
background=NO
anonymous_enable=YES
local_enable=NO
write_enable=NO
anon_root=$TREE
ftp_username=$(home_user)
nopriv_user=nobody
no_anon_password=YES
secure_chroot_dir=$LAB/empty
connect_from_port_20=YES
ftp_data_port=${DATA[vsftpd]}
xferlog_enable=NO
vsftpd_log_file=$RUN/vsftpd.log
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
max_clients=0
max_per_ip=0
dirmessage_enable=NO
EOF
    fi
    if wants proftpd; then
        cat > "$RUN/proftpd.conf" <<EOF
ServerName "peers"
ServerType standalone
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
Port ${CONTROL[proftpd]}
# Only an explicit "off" makes active data connections come from port L-1 (docs/harness.md).
RootRevoke off
User nobody
Group nogroup
MaxInstances 1000
UseReverseDNS off
PidFile $RUN/proftpd.pid
ScoreboardFile $RUN/proftpd.scoreboard
DelayEngine off
ControlsEngine off
AuthPAM off
WtmpLog off
TransferLog NONE
SystemLog $RUN/proftpd.log
RequireValidShell off
<Anonymous $TREE>
  User nobody
  Group nogroup
  UserAlias anonymous nobody
  AnonRequirePassword off
  MaxClients none
  <Limit WRITE>
    DenyAll
  </Limit>
</Anonymous>
EOF
    fi
    if wants pure-ftpd; then
        # pure-ftpd's anonymous login needs a system user "ftp"; a virtual user (PureDB) avoids creating one. Its
        # hash is SHA-512 crypt: pure-pw's default (argon2id, 8 MiB x 255) would make each login cost ~1 s of CPU.
        local hash
        hash=$(openssl passwd -6 "${PASS_OF[pure-ftpd]}")
        echo "${USER_OF[pure-ftpd]}:$hash:$(id -u nobody):$(getent group nogroup | cut -d: -f3)::$TREE/./::::::::::::" > "$RUN/pureftpd.passwd"
        LD_LIBRARY_PATH=$LIBS "$LAB/root/usr/bin/pure-pw" mkdb "$RUN/pureftpd.pdb" -f "$RUN/pureftpd.passwd" >/dev/null
    fi
}

# ---------------------------------------------------------------- starting, measuring, stopping
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() {
    local name=$1 cg=""
    local -a cmd
    case $name in
        vsftpd) cmd=(env LD_LIBRARY_PATH="$LIBS" "$LAB/root/usr/sbin/vsftpd" "$RUN/vsftpd.conf") ;;
        proftpd) cmd=(env LD_LIBRARY_PATH="$LIBS" "$LAB/root/usr/sbin/proftpd" -n -q -c "$RUN/proftpd.conf") ;;
        # pure-ftpd keeps its session scoreboard in /run/pure-ftpd, a compiled-in path: it gets a /run of its own
        # (a bind mount of peers-lab/run/pure-ftpd-run in a private mount namespace), so the system's stays untouched.
        pure-ftpd) mkdir -p "$RUN/pure-ftpd-run"
                   cmd=(unshare --mount --propagation private bash -c 'mount --bind "$0" /run && exec "$@"'
                        "$RUN/pure-ftpd-run" env LD_LIBRARY_PATH="$LIBS" "$LAB/root/usr/sbin/pure-ftpd"
                        -S "127.0.0.1,${CONTROL[pure-ftpd]}" -l "puredb:$RUN/pureftpd.pdb" -E -H -A -4 -c 1000 -C 1000
                        -f none) ;;
        apache-ftpserver) cmd=(java -cp "$LAB/classes:$LAB/apache/lib/*" ApacheFtpServerLauncher 127.0.0.1
                               "${CONTROL[$name]}" "${DATA[$name]}" "$TREE" 1000) ;;
        ftpd-*) cmd=(java -jar "$FTPD_JAR" --host 127.0.0.1 --port "${CONTROL[$name]}" --data-port "${DATA[$name]}"
                     --root "$TREE" --bind-strategy "${name#ftpd-}") ;;
    esac
    port_busy "${CONTROL[$name]}" && fail "port ${CONTROL[$name]} (for $name) is in use on 127.0.0.1"
    if [[ -n $CG ]]; then
        cg=$CG/$name
        mkdir "$cg"
    fi
    # Its own session and process group (setsid), so that stopping it stops its forked children too; and its
    # own cgroup from its first instruction on, so that every child it forks is counted.
    setsid bash -c '[[ -z $1 ]] || echo $$ > "$1/cgroup.procs"; shift; exec "$@"' _ "$cg" "${cmd[@]}" \
        > "$RUN/$name.out" 2>&1 < /dev/null &
    PID_OF[$name]=$!
    local i
    for ((i = 0; i < 300; i++)); do
        port_busy "${CONTROL[$name]}" && return 0
        kill -0 "${PID_OF[$name]}" 2>/dev/null || break
        pause 0.1
    done
    fail "$name did not start listening on 127.0.0.1:${CONTROL[$name]}; see $RUN/$name.out"
}

# CPU microseconds so far, into US (no command substitution: the sampler must not fork 40 times a second):
# the server's cgroup, or (no cgroups) its session's processes with their reaped children.
CLK_TCK=$(getconf CLK_TCK)
server_cpu_us() {
    local name=$1 f s
    if [[ -n $CG ]]; then
        read -r _ US < "$CG/$name/cpu.stat"
        return
    fi
    local sid=${PID_OF[$name]} total=0
    for f in /proc/[0-9]*/stat; do
        read -r s < "$f" 2>/dev/null || continue
        s=${s##*) }
        local -a a=($s)
        (( a[3] == sid )) && total=$(( total + a[11] + a[12] + a[13] + a[14] ))
    done
    US=$(( total * 1000000 / CLK_TCK ))
}

process_cpu_us() {
    local s
    US=-1
    read -r s < "/proc/$1/stat" 2>/dev/null || return 0
    s=${s##*) }
    local -a a=($s)
    US=$(( (a[11] + a[12]) * 1000000 / CLK_TCK ))
}

# Runs one measurement in the background and samples both CPU counters every 50 ms until it ends; PeerReport
# later reads the samples at the load phase's start and end (from results.json), so JVM start-up and set-up
# are left out of both the harness's and the server's cost.
measure() { # dir server(for the cgroup, or "") command...
    local dir=$1 name=$2
    shift 2
    mkdir -p "$dir"
    "$@" > "$dir/stdout.txt" 2> "$dir/stderr.txt" < /dev/null &
    HARNESS_PID=$!
    local limit=$(( ${EPOCHREALTIME%.*} + duration + 120 )) h s
    while kill -0 "$HARNESS_PID" 2>/dev/null; do
        process_cpu_us "$HARNESS_PID"
        h=$US
        s=-1
        if [[ -n $name ]]; then server_cpu_us "$name"; s=$US; fi
        (( h >= 0 )) && echo "$EPOCHREALTIME $h $s" >> "$dir/samples.tsv"
        if (( ${EPOCHREALTIME%.*} > limit )); then
            kill -TERM "$HARNESS_PID" 2>/dev/null || true
            say "$dir: stopped after $((duration + 120)) s"
        fi
        pause 0.05
    done
    local rc=0
    wait "$HARNESS_PID" || rc=$?
    HARNESS_PID=""
    echo "$rc" > "$dir/exit"
    rm -f "$dir/transfers.csv" "$dir/report.html"
    return 0
}

# Above 32 clients, 32 per loopback address from 127.0.0.2 on (see --help): "--client-address LIST", or nothing.
client_addresses() { # clients
    local n=$(( ($1 + 31) / 32 )) i list=""
    (( $1 > 32 )) || return 0
    for ((i = 2; i < n + 2; i++)); do list+=${list:+,}127.0.0.$i; done
    echo "--client-address $list"
}

# Each measurement starts a new harness JVM, whose compiler threads took 2.3 s of CPU in its first
# seconds, on the machine the server shares: its first CELL_WARMUP seconds of load are not measured.
CELL_WARMUP=2
harness_run() { # dir server clients seconds [cell warm-up seconds]
    local dir=$1 name=$2 clients=$3 seconds=$4 cell_warmup=${5:-$CELL_WARMUP}
    # shellcheck disable=SC2046 # the flag and its value are two words on purpose
    measure "$dir" "$name" java -jar "$HARNESS_JAR" run --host 127.0.0.1 --port "${CONTROL[$name]}" $(client_addresses "$clients") \
        --user "${USER_OF[$name]:-anonymous}" --password "${PASS_OF[$name]:-peers@example.com}" \
        --clients "$clients" --transfers 100000 --max-duration "${seconds}s" --warmup "${cell_warmup}s" --remote-file "/$FILE" \
        --data-port "${DATA[$name]}" --quiet --report "$dir"
}

ceiling_run() { # dir clients
    measure "$1" "" java -jar "$HARNESS_JAR" ceiling --clients "$2" \
        --count 10000000 --max-duration "${duration}s" --json "$1/ceiling.json"
}

# ---------------------------------------------------------------- the run
install_peers
write_configs
mkdir -p "$OUT/cells"
for d in /sys/fs/cgroup/unified /sys/fs/cgroup; do
    if [[ $(stat -fc %T "$d" 2>/dev/null) == cgroup2fs && -w $d/cgroup.procs ]] && mkdir "$d/ftpd-lab-peers.$$" 2>/dev/null; then
        CG=$d/ftpd-lab-peers.$$
        break
    fi
done
[[ -n $CG ]] || say "no writable cgroup v2: server CPU is summed over each server's processes from /proc instead"

{
    printf 'server\tversion\tcontrol_port\tdata_port\taccount\n'
    for name in $servers; do
        case $name in
            ceiling) continue ;;
            vsftpd|proftpd|pure-ftpd) deb=$(compgen -G "$LAB/debs/${name/proftpd/proftpd-core}_*.deb" | head -1)
                                      version=$(dpkg-deb -f "$deb" Version) ;;
            apache-ftpserver) version=$(basename "$(compgen -G "$LAB/apache/lib/ftpserver-core-*.jar")" .jar) ;;
            ftpd-*) version="ftpd-lab $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" ;;
        esac
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "${CONTROL[$name]}" "${DATA[$name]}" "${USER_OF[$name]:-anonymous}"
    done
} > "$OUT/servers.tsv"

for name in $servers; do
    [[ $name == ceiling ]] && continue
    say "starting $name on 127.0.0.1:${CONTROL[$name]} (active data from port ${DATA[$name]})"
    start_server "$name"
done
# One short unmeasured run each: the JVM servers compile their hot paths, every server forks its first workers.
warm_up() { # servers
    local name
    for name in $1; do
        [[ $name == ceiling ]] && continue
        say "warm-up: $name (${warmup} s)"
        harness_run "$OUT/warmup/$name" "$name" "${clients_list%%,*}" "$warmup" 0
    done
}

measure_rounds() { # servers
    local -a order
    local round clients k name dir load1
    read -ra order <<< "$1"
    for ((round = 1; round <= rounds; round++)); do
        for clients in ${clients_list//,/ }; do
            # Interleaved, and each round starts one server later, so that no server always runs first or last.
            for ((k = 0; k < ${#order[@]}; k++)); do
                name=${order[$(( (k + round - 1) % ${#order[@]} ))]}
                say "round $round/$rounds, $clients clients: $name"
                dir=$OUT/cells/r$round-c$clients-$name
                if [[ $name == ceiling ]]; then
                    ceiling_run "$dir" "$clients"
                else
                    harness_run "$dir" "$name" "$clients" "$duration"
                fi
                read -r load1 _ < /proc/loadavg
                printf '%s\t%s\t%s\t%s\n' "$round" "$clients" "$name" "$load1" > "$dir/cell.tsv"
            done
        done
    done
}

# ftpd-ephemeral comes after all the others. Each of its data sockets is bound to port 0, and the
# server closes first, so its transfers leave up to 28,000 ports of the ephemeral range in TIME_WAIT
# for 60 s, and every bind(0) on the host then searches that range: the harness's own listeners
# too. Interleaved with the others, the measurements after it ran 3 - 8 times slower, with the
# harness's client threads busy in bind().
early=" $servers "
early=${early/ ftpd-ephemeral / }
warm_up "$early"
measure_rounds "$early"
if [[ " $servers " == *" ftpd-ephemeral "* ]]; then
    warm_up ftpd-ephemeral
    measure_rounds ftpd-ephemeral
fi

java -cp "$LAB/classes:$HARNESS_JAR" PeerReport "$OUT" "$COMMAND_LINE"
say "results in $OUT"
