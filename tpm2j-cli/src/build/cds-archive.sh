#!/bin/sh
# Builds the CLI's start-up archive next to target/tpm2j.jar, which the top-level `tpm2j` launcher passes to the
# JVM that built it: the classes a CLI run needs (JDK, picocli, tpm2j) are then mapped from the archive, already
# parsed and verified, instead of being read from the jar.
#
# - JDK 24 and later: an AOT cache, target/tpm2j.aot (JEP 483: classes loaded and linked ahead of time), from one
#   training run (record, then create).
# - Older JDKs (17): a static application class-data-sharing archive, target/tpm2j.jsa (-Xshare:dump with the class
#   list of the training run; static, so the JDK's classes and the application's are in one file).
# The training run is dev.tpm2j.cli.StartupTraining: representative commands in one JVM (no TPM needed; with swtpm
# installed, also against a throw-away swtpm), bounded by `timeout` where it exists. picocli's own jar holds Java 5
# class files, which JDK 17 archives only unlinked (verified again at every start) and JDK 24+ leaves out of an AOT
# cache; the runnable jar carries picocli rebuilt for Java 17 instead (see the POM).
#
# An archive is only valid for the JVM that made it and for the jar at this exact path; the launcher records the
# JVM in <archive>.jvm and uses the archive only with that JVM.
# Never fails the build: if this JVM cannot make an archive, it says so and leaves none behind.
#
# usage: cds-archive.sh JAVA_HOME TARGET_DIR
java_home=$1
target=$(cd "$2" && pwd -P) || exit 0
[ -n "$target" ] || exit 0
java="$java_home/bin/java"
jar="$target/tpm2j.jar"
jsa="$target/tpm2j.jsa"
aot="$target/tpm2j.aot"
work="$target/cds"
rm -rf "$work" "$jsa" "$jsa.jvm" "$aot" "$aot.jvm"
mkdir -p "$work"
if [ ! -f "$jar" ] || [ ! -x "$java" ]; then
  echo "cds-archive: no $jar or no $java; no start-up archive" >&2
  exit 0
fi
limit=
if command -v timeout >/dev/null 2>&1; then
  limit="timeout 120"
fi
# With swtpm installed, the training also runs TPM commands against a real (throw-away) swtpm.
swtpm_pid=
tpm=
stop_swtpm() {
  if [ -n "$swtpm_pid" ]; then
    kill "$swtpm_pid" 2>/dev/null
    wait "$swtpm_pid" 2>/dev/null
    swtpm_pid=
  fi
}
trap 'stop_swtpm; exit 1' INT TERM HUP
if command -v swtpm >/dev/null 2>&1; then
  port=$((20000 + $$ % 20000))
  mkdir -p "$work/swtpm"
  swtpm socket --tpm2 --tpmstate dir="$work/swtpm" --flags not-need-init,startup-clear \
    --server type=tcp,port=$port,bindaddr=127.0.0.1 --ctrl type=tcp,port=$((port + 1)),bindaddr=127.0.0.1 \
    >/dev/null 2>&1 &
  swtpm_pid=$!
  sleep 0.5
  if kill -0 "$swtpm_pid" 2>/dev/null; then # it started (its port was free): train against it
    tpm="--tpm swtpm:host=127.0.0.1,port=$port"
  fi
fi
train() { # train JVM-OPTIONS...
  # shellcheck disable=SC2086 # $limit and $tpm are empty or words meant to split
  $limit "$java" "$@" -cp "$jar" dev.tpm2j.cli.StartupTraining $tpm >"$work/train.log" 2>&1 </dev/null
}
if "$java" -XX:AOTMode=off -version >/dev/null 2>&1; then
  train -XX:AOTMode=record -XX:AOTConfiguration="$work/tpm2j.aotconf"
  made=$("$java" -XX:AOTMode=create -XX:AOTConfiguration="$work/tpm2j.aotconf" -XX:AOTCache="$aot" -cp "$jar" \
    >"$work/dump.log" 2>&1 && [ -s "$aot" ] && echo yes)
  archive=$aot
else
  train -XX:DumpLoadedClassList="$work/tpm2j.classlist"
  made=$([ -s "$work/tpm2j.classlist" ] && "$java" -Xshare:dump -XX:SharedClassListFile="$work/tpm2j.classlist" \
    -XX:SharedArchiveFile="$jsa" -cp "$jar" >"$work/dump.log" 2>&1 && [ -s "$jsa" ] && echo yes)
  archive=$jsa
fi
stop_swtpm
trap - INT TERM HUP
if [ "$made" = yes ]; then
  # The launcher uses the archive only with this JVM (another one would reject it, noisily on newer JDKs).
  readlink -f "$java" > "$archive.jvm"
  echo "cds-archive: wrote $archive"
else
  echo "cds-archive: this JVM could not make a start-up archive (see $work/dump.log); the launcher starts without one" >&2
  rm -f "$archive"
fi
exit 0
