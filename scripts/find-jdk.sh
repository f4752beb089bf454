# Sourced by ./xhs-openapi, ./run-tests and .ci/run: sets JAVA_HOME to a JDK >= 21.
# Takes $JAVA_HOME when it is new enough, else the newest JDK in the usual folders (Debian/Ubuntu,
# RHEL, macOS, SDKMAN) or behind the javac on the PATH.

xhs_java_major() {
  # Prints the major version of the java binary $1 (8 for "1.8.0_x", 21 for "21.0.2", ...). Reads
  # the JDK's release file when there is one, with shell built-ins only: starting a JVM to ask
  # costs a tenth of a second, and each forked tool a few milliseconds.
  local v="" line release="${1%/bin/java}/release"
  if [ -f "$release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) v="${line#JAVA_VERSION=\"}"; v="${v%%\"*}"; break ;;
      esac
    done <"$release"
  fi
  if [ -z "$v" ]; then
    v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in
    1.*) v="${v#1.}"; echo "${v%%.*}" ;;
    "") echo 0 ;;
    *) v="${v%%.*}"; v="${v%%-*}"; echo "${v%%+*}" ;;
  esac
}

xhs_find_jdk() {
  local want=21 candidate major
  # A JAVA_HOME that is new enough wins; otherwise the newest JDK found in the usual places.
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] &&
      [ "$(xhs_java_major "$JAVA_HOME/bin/java")" -ge "$want" ] 2>/dev/null; then
    return 0
  fi
  local candidates=()
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local best="" best_major=0
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(xhs_java_major "$candidate/bin/java")
    if [ "$major" -ge "$want" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "xhs-openapi needs a JDK $want or newer and found none (looked at JAVA_HOME, /usr/lib/jvm," >&2
    echo "/usr/java, /opt/java, macOS and SDKMAN folders). Install one, e.g. 'apt-get install" >&2
    echo "openjdk-21-jdk-headless', or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
