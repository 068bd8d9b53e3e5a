#!/usr/bin/env bash
# Shared by infra/kafka/start.sh and infra/mongo/start.sh (sourced; uses their log/die).
#
# fetch_jars POM LIB_DIR STATE_DIR LOG_DIR MARKER_GLOB WHAT
#   Copies the runtime dependencies of POM from Maven Central into LIB_DIR once. LIB_DIR/.complete
#   records the pom's hash and the jar count, so a later start runs no Maven, and editing the pom
#   (or losing jars) fetches again. MARKER_GLOB names a jar that must be there ("kafka_2.13-*.jar").
fetch_jars() {
  local pom="$1" lib_dir="$2" state_dir="$3" log_dir="$4" marker="$5" what="$6"
  local stamp tmp count
  stamp="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$lib_dir/.complete" ]]; then
    count="$(find "$lib_dir" -maxdepth 1 -name '*.jar' | wc -l)"
    if [[ "$(cat "$lib_dir/.complete")" == "$stamp $count" ]]; then
      return 0
    fi
    log "jar cache in $lib_dir is stale or incomplete; fetching again"
  fi
  command -v mvn >/dev/null || die "mvn not found: Maven is needed once to fetch the $what jars"
  tmp="$state_dir/lib.tmp"
  rm -rf -- "$tmp"
  log "fetching the $what jars from Maven Central into $lib_dir (first start only) ..."
  if ! mvn -q -B -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log_dir/maven.log" 2>&1; then
    tail -n 40 -- "$log_dir/maven.log" >&2
    die "maven could not fetch the $what jars (full output: $log_dir/maven.log)"
  fi
  compgen -G "$tmp/$marker" >/dev/null || die "maven ran but no $marker was copied to $tmp"
  count="$(find "$tmp" -maxdepth 1 -name '*.jar' | wc -l)"
  printf '%s %s\n' "$stamp" "$count" >"$tmp/.complete"
  rm -rf -- "$lib_dir"
  mv -- "$tmp" "$lib_dir"
}
