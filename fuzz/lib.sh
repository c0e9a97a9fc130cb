# Shared by the fuzz/*/run.sh scripts: source it, then call fuzz_tools once and fuzz_run per harness.

# Installs afl++ (Debian) and the sharpfuzz tool into $tools when missing.
fuzz_tools() {
  if ! command -v afl-fuzz >/dev/null 2>&1; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
  fi
  [ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
}

# fuzz_run SECONDS OUT CORPUS HARNESS_DLL [ARGS...]: runs afl-fuzz on the (already instrumented) harness and
# prints the totals. AFL_SKIP_BIN_CHECK: the instrumentation is in the library, not in the dotnet host afl-fuzz starts.
fuzz_run() {
  local seconds="$1" out="$2" corpus="$3"; shift 3
  export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
  timeout --preserve-status "$seconds" afl-fuzz -i "$corpus" -o "$out" -t 10000 -m none -- dotnet "$@" || true
  [ -f "$out/default/fuzzer_stats" ] || { echo "afl-fuzz did not start; see its output above"; exit 1; }
  grep -E "execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs" "$out/default/fuzzer_stats"
  echo "crashes: $(find "$out/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l), hangs: $(find "$out/default/hangs" -type f 2>/dev/null | wc -l)"
}
