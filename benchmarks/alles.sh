#!/usr/bin/env bash
# Every figure of docs/performance.md in one quiet run, one benchmark after the other (issue 11).
#
#   benchmarks/alles.sh VOOR [CACHE]
#
# VOOR:  a code tree of the version to compare with (`git archive <commit> | tar -x -C VOOR`), for the
#        benchmarks that measure before and after in the same run;
# CACHE: the benchmarks' cache folder (default /tmp/jet-quiet); demo stores are built there when missing
#        (10,000 / 100,000 / 100,000 with 50,000 waiting / 300,000 jeugdigen: about 20 minutes).
# Each benchmark writes CACHE/logs/NAME.txt; CACHE/logs/tijden.txt has when each began and the load average.
# Start it on an otherwise idle machine (no test run beside it); it takes about 45 minutes.
set -u
cd "$(dirname "$0")/.."
VOOR=${1:?"geef de map met de code van de vorige versie"}
export JET_BENCH_CACHE=${2:-/tmp/jet-quiet} PYTHONPATH=$PWD
PY=${PY:-.venv/bin/python}
L=$JET_BENCH_CACHE/logs
mkdir -p "$L"
stap() { echo "=== $(date +%T) $1 (load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$L/tijden.txt"; }

stap groei
$PY benchmarks/groei.py --repeat 3 > "$L/groei.txt" 2>&1
stap wachtlijst-gui
$PY benchmarks/bench_wachtlijst.py --jeugdigen 100000 --wachtlijst 50000 --repeat 3 > "$L/wachtlijst.txt" 2>&1
stap wachtlijst-gui-voor
PYTHONPATH=$VOOR $PY benchmarks/bench_wachtlijst.py --jeugdigen 100000 --wachtlijst 50000 --repeat 3 \
    > "$L/wachtlijst-voor.txt" 2>&1
stap wachtlijst-queries
$PY benchmarks/bench_wachtlijst_queries.py --keer 5 > "$L/wachtlijst-queries.txt" 2>&1
stap wachtlijstrapport
$PY benchmarks/bench_wachtlijstrapport.py --rijen 2000,10000,50000 --voor "$VOOR" --voor-max 10000 \
    > "$L/wachtlijstrapport.txt" 2>&1
stap teamrapporten
$PY benchmarks/bench_teamrapporten.py --rijen 2000,10000,50000 --voor "$VOOR" > "$L/teamrapporten.txt" 2>&1
stap monitor-100k
$PY benchmarks/bench_monitor.py --jeugdigen 100000 --trajecten 1000000 --repeat 5 --postgres --voor-de-index \
    > "$L/monitor-100k.txt" 2>&1
stap monitor-300k
$PY benchmarks/bench_monitor.py --jeugdigen 300000 --trajecten 3000000 --repeat 2 > "$L/monitor-300k.txt" 2>&1
stap encryptie
$PY benchmarks/bench_encryptie.py --runs 5 > "$L/encryptie.txt" 2>&1
stap startup
$PY benchmarks/bench_startup.py --runs 11 --vergelijk "$VOOR" > "$L/startup.txt" 2>&1
stap demo
$PY benchmarks/bench_demo.py --jeugdigen 10000 --seed 7 --quiet > "$L/demo-10k.txt" 2>&1
stap rest
$PY benchmarks/bench_zoeken.py --jeugdigen 100000 --repeat 5 > "$L/zoeken.txt" 2>&1
$PY benchmarks/bench_wachtlijst_inzage.py --jeugdigen 100000 --keer 100 > "$L/wachtlijst-inzage.txt" 2>&1
$PY benchmarks/bench_audit.py --jeugdigen 100000 --alleen openen > "$L/audit.txt" 2>&1
$PY benchmarks/bench_import.py > "$L/import.txt" 2>&1
$PY benchmarks/bench_inloggen.py > "$L/inloggen.txt" 2>&1
stap klaar
