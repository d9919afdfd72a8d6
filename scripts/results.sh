#!/usr/bin/env bash
# Regenerates docs/results.md, docs/the-faq.md and docs/results/ from real runs on this machine:
# the kernel probe, the FAQ's claims, the faithful (1 s back-off) comparisons, the ephemeral-port
# collapse, and the netns lab (fact 4, the NAT case, many client hosts) when run as root. Takes
# about 12 minutes. Loopback and the lab's own namespaces only.
#
# Usage: scripts/results.sh [all|faq|lab-cases|peers]
#   all        everything but the peer bench (the default); keeps the last peer table
#   faq        only the FAQ's claims: docs/the-faq.md and docs/results/claims.*  (under a minute)
#   lab-cases  only the lab's NAT and many-hosts runs (as root): their sections at the end of
#              docs/results.md are replaced                                      (about 4 minutes)
#   peers      only the peer bench (scripts/peers.sh, as root: fetches vsftpd, ProFTPD, pure-ftpd and
#              Apache FtpServer into peers-lab/): its section of docs/results.md and docs/results/peers/
#              are replaced                                                      (about 9 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

part=${1:-all}
case "$part" in
  all|faq|lab-cases|peers) ;;
  *) echo "usage: scripts/results.sh [all|faq|lab-cases|peers]" >&2; exit 2 ;;
esac

out=docs/results
harness=(java -jar client-harness/target/client-harness.jar)
ftpd_pid=""

cleanup() {
  if [ -n "$ftpd_pid" ]; then kill "$ftpd_pid" 2>/dev/null || true; wait "$ftpd_pid" 2>/dev/null || true; fi
  rm -rf "${tmp:-}"
}
trap cleanup EXIT INT TERM
tmp=$(mktemp -d)

say() { printf '\n== %s\n' "$*" >&2; }

# Starts a standalone ftpd (its own JVM, as a user would run it) and sets ftpd_port.
start_ftpd() {
  "${@:1}" >"$tmp/ftpd.out" 2>"$tmp/ftpd.err" &
  ftpd_pid=$!
  for _ in $(seq 1 100); do
    ftpd_port=$(sed -n 's/.*FTP server on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$tmp/ftpd.out" | head -1)
    [ -n "$ftpd_port" ] && return 0
    sleep 0.2
  done
  echo "results.sh: ftpd did not start: $(tail -1 "$tmp/ftpd.err")" >&2
  exit 1
}

stop_ftpd() {
  kill "$ftpd_pid"; wait "$ftpd_pid" || true; ftpd_pid=""
}

# Keeps what a reader needs; per-transfer files of the long runs are tens of MB and are left out.
trim() {
  find "$1" \( -name results.json -o -name transfers.csv \) -size +1M -delete
}

say "build"
mvn -q -B package -DskipTests
[ "$part" != all ] || rm -rf "$out"
mkdir -p "$out"

cmd_nat="scripts/netns-lab.sh --client-ports 100 --clients 8 --transfers 250 --max-duration 40s"
cmd_hosts="scripts/netns-lab.sh --client-hosts 1,4,16 --client-ports 100 --timestamps off --clients 16 --transfers 200 --max-duration 40s"

# The NAT and many-hosts runs of the netns lab (root only); sets lab_cases=yes when both ran,
# and returns non-zero when one failed.
run_lab_cases() {
  lab_cases=""
  [ "$(id -u)" = 0 ] || return 0
  say "the NAT case: 100 client ports, timestamps on then off"
  ${cmd_nat} --out "$out/netns-nat" | tee "$out/netns-nat.txt" || return 1
  say "many client hosts: 1, 4 and 16 client namespaces, 100 client ports each, timestamps off"
  ${cmd_hosts} --out "$out/netns-hosts" | tee "$out/netns-hosts.txt" || return 1
  # results.json holds every transfer too; 21 reports' CSVs would only add megabytes.
  find "$out/netns-nat" "$out/netns-hosts" -name transfers.csv -delete
  find "$out/netns-nat" "$out/netns-hosts" -name results.json -size +1M -delete
  # Each host's page inlines the same chart library; one page per run shows the shape, the
  # other hosts keep their results.json (same numbers, summed in the lab summary above).
  find "$out/netns-nat" "$out/netns-hosts" -path '*/host*/report.html' ! -path '*/host1/report.html' -delete
  lab_cases=yes
}

# The two sections of docs/results.md those runs fill; always the last ones of the page.
lab_cases_section() {
  echo "## The NAT case: 100 client ports, timestamps on then off"
  echo
  if [ -z "$lab_cases" ]; then
    echo "Not run here: the lab needs root and \`ip netns\` (or a lab run failed). Run \`sudo scripts/results.sh lab-cases\`."
    return
  fi
  echo "Each client namespace's \`ip_local_port_range\` holds 100 ports, as a client behind a small NAT pool. The"
  echo "model line under each timestamps-off run is \`ClientPortsModel\` (client-harness model/). Regenerate with"
  echo "\`sudo scripts/results.sh lab-cases\`, or run one case:"
  echo
  echo '```'; echo "sudo $cmd_nat"; echo; sed -n '/^netns lab summary/,$p' "$out/netns-nat.txt"; echo '```'
  echo
  echo "## Many client hosts: 1, 4 and 16 client namespaces, timestamps off"
  echo
  echo "The same 16 sessions spread over K client namespaces on one bridge, 100 client ports each, the server's"
  echo "timestamps off:"
  echo
  echo '```'; echo "sudo $cmd_hosts"; echo; sed -n '/^netns lab summary/,$p' "$out/netns-hosts.txt"; echo '```'
}

# The peer bench's section: the table of the last `scripts/results.sh peers` run, kept by the other parts.
peers_section() {
  echo "## The peer bench: ftpd-lab beside vsftpd, ProFTPD, pure-ftpd and Apache FtpServer"
  echo
  if [ ! -s "$out/peers/peers.txt" ]; then
    echo "Not run here: the peer bench needs root and apt-get. Run \`sudo scripts/results.sh peers\`."
    echo
    return
  fi
  echo "The same client-harness load (1 KiB active RETR, every server with its fixed data port, 5 s per"
  echo "measurement after 2 s unmeasured, interleaved rounds; ftpd-ephemeral after the others, as its TIME_WAIT"
  echo "sockets slow every bind(0) on the host for 60 s) against each server on this machine, and the raw loop"
  echo "(no FTP) beside them; docs/peers.md says how each server is set up and measured. The headline figure is the server's"
  echo "CPU per transfer (its own cgroup), which holds where transfers/s does not. Regenerate with"
  echo "\`sudo scripts/results.sh peers\` (or run \`sudo scripts/peers.sh\` yourself; \`--help\` for its options)."
  echo "Every measurement is in [peers/cells.tsv](results/peers/cells.tsv)."
  echo
  echo '```'; cat "$out/peers/peers.txt"; echo '```'
  echo
}

if [ "$part" = peers ]; then
  [ "$(id -u)" = 0 ] || { echo "results.sh: the peer bench needs root (sudo scripts/results.sh peers)" >&2; exit 1; }
  scripts/peers.sh --out "$tmp/peers" | tee "$tmp/peers.stdout"
  rm -rf "$out/peers"; mkdir -p "$out/peers"
  cp "$tmp/peers/peers.tsv" "$tmp/peers/cells.tsv" "$tmp/peers/servers.tsv" "$out/peers/"
  { echo "$(date -u +%F) $(uname -r), $(nproc) cores"; sed -n '/^peer bench:/,$p' "$tmp/peers.stdout" | grep -v '^peers: results in' | sed 's| --out [^ ]*||'; } > "$out/peers/peers.txt"
  peers_section > "$tmp/section.md"
  # The section sits before fact 4 (the lab sections stay last: lab-cases rewrites from there to the end).
  awk -v section="$tmp/section.md" '
    /^## The peer bench/ { skip = 1; next }
    /^## / && skip { skip = 0 }
    /^## Fact 4/ && !done { while ((getline line < section) > 0) print line; done = 1 }
    !skip { print }
  ' docs/results.md > "$tmp/results.md"
  mv "$tmp/results.md" docs/results.md
  say "done: the peer bench in docs/results.md"
  exit 0
fi

if [ "$part" = lab-cases ]; then
  run_lab_cases || { echo "results.sh: a lab run failed (above)" >&2; exit 1; }
  [ -n "$lab_cases" ] || { echo "results.sh: the lab cases need root (sudo scripts/results.sh lab-cases)" >&2; exit 1; }
  { sed '/^## The NAT case/,$d' docs/results.md; lab_cases_section; } > "$tmp/results.md"
  mv "$tmp/results.md" docs/results.md
  say "done: the lab cases in docs/results.md"
  exit 0
fi

say "the socket FAQ's claims"
claims_status=0
"${harness[@]}" probe --claims --json "$out/claims.json" | tee "$out/claims.txt" || claims_status=$?

if [ "$part" = all ]; then

say "kernel probe"
"${harness[@]}" probe | tee "$out/probe.txt"

say "fact 1: 32 exclusive uploads holding the port 200 ms, BSD's schedule (about 1 minute)"
cmd_fact1="client-harness compare --faithful --strategies retry,reuseport --op stor --hold 200ms --clients 32 --transfers 1 --report $out/fact1-uploads"
"${harness[@]}" ${cmd_fact1#client-harness } --verbose | tee "$out/fact1-uploads.txt"

say "facts 2 and 3: every strategy, 32 clients x 2 downloads, BSD's schedule (about 2 minutes)"
cmd_compare="client-harness compare --faithful --clients 32 --transfers 2 --report $out/compare-faithful"
"${harness[@]}" ${cmd_compare#client-harness } --verbose | tee "$out/compare-faithful.txt"

say "fact 5: 100 s of active downloads against a fixed SO_REUSEPORT port, then an ephemeral-port server"
load=(--user lab --password lab --clients 32 --transfers 1000000 --max-duration 100s --client-address 127.0.0.2,127.0.0.3 --verbose)
# The ephemeral run goes last: it leaves every port of 127.0.0.1 in TIME_WAIT for a minute.
for strategy in reuseport ephemeral; do
  start_ftpd java -jar ftpd/target/ftpd.jar --port 0 --root "$tmp/root-$strategy" --user lab --password lab --bind-strategy "$strategy"
  "${harness[@]}" run --port "$ftpd_port" "${load[@]}" --report "$out/fact5-$strategy" | tee "$out/fact5-$strategy.txt"
  stop_ftpd
  trim "$out/fact5-$strategy"
done
cmd_fact5="java -jar ftpd/target/ftpd.jar --port P --user lab --password lab --bind-strategy ephemeral|reuseport; client-harness run --port P ${load[*]} --report DIR"

lab=""
if [ "$(id -u)" = 0 ] && [ -x scripts/netns-lab.sh ]; then
  say "fact 4: netns lab, TCP timestamps on then off in the server's namespace"
  scripts/netns-lab.sh --out "$out/netns" | tee "$out/netns.txt" && lab=yes
  find "$out/netns" \( -name results.json -o -name transfers.csv \) -size +1M -delete
fi
run_lab_cases || echo "results.sh: a lab case failed (above); its sections say not run" >&2
fi

say "writing docs/the-faq.md"
python3 - "$out/claims.json" "$claims_status" > docs/the-faq.md <<'EOF'
import json, sys
with open(sys.argv[1]) as f:
    report = json.load(f)
cells = {c["id"]: c for c in report["cells"]}
def cell(text):
    return text.replace("|", "\\|")
print("# The socket FAQ's claims, checked")
print()
print("Generated by `scripts/results.sh` from `client-harness probe --claims` (do not edit: run the script again).")
print("The claims are paraphrased from the Unix socket FAQ's answer to \"What is the difference between SO_REUSEADDR")
print("and SO_REUSEPORT?\" and the Stevens and Friedberg posts it quotes. The Linux column is measured on")
print(report["header"].replace("kernel probe on ", "") + ", each cell two sockets on a fresh port, loopback only;")
print("the FreeBSD column is what FreeBSD's source or man page says, with the place cited; 4.4BSD is below the table.")
if sys.argv[2] != "0":
    print()
    print("**This run had cells that failed their set-up** (exit %s): see [results/claims.txt](results/claims.txt)." % sys.argv[2])
print()
print("| # | claim | Linux, measured here | FreeBSD, per source | shown by |")
print("|---|---|---|---|---|")
for r in report["claims"]:
    print("| %d | %s | **%s**: %s | **%s**: %s | `%s` (cells %s) |" % (
        r["number"], cell(r["claim"]), r["linux"]["verdict"], cell(r["linux"]["why"]), r["freebsdVerdict"],
        cell(r["freebsd"]), r["command"], ", ".join(r["cells"])))
print()
print("## 4.4BSD")
print()
for r in report["claims"]:
    print("%d. %s" % (r["number"], r["bsd44"]))
print()
print("## The cells")
print()
print("| cell | what it does | Linux, measured here | FreeBSD, per source |")
print("|---|---|---|---|")
for c in report["cells"]:
    print("| %s | %s | %s | %s |" % (c["id"], cell(c["setup"]), cell(c["result"]), cell(c["freebsd"])))
print()
print("Notes of this run: " + "; ".join(report["notes"]) + ".")
print("The full console output, with each claim's cells beside its verdict, is [results/claims.txt](results/claims.txt);")
print("[the-case.md](the-case.md) explains the ftpd case the seventh claim is about.")
EOF

[ "$part" = all ] || { say "done: docs/the-faq.md"; exit 0; }

say "writing docs/results.md"
{
  echo "# Measured results"
  echo
  echo "Generated by \`scripts/results.sh\` on $(date -u +%Y-%m-%d) — kernel $(uname -r), $(java -version 2>&1 | head -1), $(nproc) cores."
  echo "Every number below comes from that run; run the script again to regenerate this page on your machine."
  echo "The reports (\`report.html\`, self-contained: open them from disk) hold the charts: latency CDF, outcomes,"
  echo "per-second timeline, TIME_WAIT on the data port over time, binds per transfer."
  echo
  echo "## The kernel probe"
  echo
  echo '```'; echo "client-harness probe"; echo; cat "$out/probe.txt"; echo '```'
  echo
  echo "The socket FAQ's claims, checked with \`client-harness probe --claims\`: [the-faq.md](the-faq.md)."
  echo
  echo "## Fact 1: exclusive binds in lockstep (32 uploads, each holding the port 200 ms)"
  echo
  echo '```'; echo "$cmd_fact1"; echo; cat "$out/fact1-uploads.txt"; echo '```'
  echo "Charts: [fact1-uploads/report.html](results/fact1-uploads/report.html)"
  echo
  echo "## Facts 2 and 3: every strategy, 32 clients x 2 downloads, BSD's 1 s schedule"
  echo
  echo '```'; echo "$cmd_compare"; echo; cat "$out/compare-faithful.txt"; echo '```'
  echo "Charts: [compare-faithful/report.html](results/compare-faithful/report.html) — the TIME_WAIT chart shows the 60 s block."
  echo
  echo "## Fact 5: ephemeral source ports run out; a shared fixed port does not"
  echo
  echo '```'; echo "$cmd_fact5"; echo
  echo "# ephemeral"; cat "$out/fact5-ephemeral.txt"; echo; echo "# reuseport"; cat "$out/fact5-reuseport.txt"; echo '```'
  echo "Charts: [ephemeral](results/fact5-ephemeral/report.html) (the per-second timeline shows the collapse), [reuseport](results/fact5-reuseport/report.html)."
  echo
  peers_section
  echo "## Fact 4: 4-tuple collisions with TCP timestamps off (two network namespaces over veth)"
  echo
  if [ -n "$lab" ]; then
    echo '```'; echo "scripts/netns-lab.sh --out $out/netns"; echo; cat "$out/netns.txt"; echo '```'
    echo "Charts: [timestamps on](results/netns/ts-on/report.html), [timestamps off](results/netns/ts-off/report.html)."
  else
    echo "Not run here: the lab needs root and \`ip netns\`. Run \`sudo scripts/results.sh\`."
  fi
  echo
  lab_cases_section
} > docs/results.md
say "done: docs/results.md"
