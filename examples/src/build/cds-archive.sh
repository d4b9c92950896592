#!/bin/sh
# Builds target/tpm2j.jsa, an application class-data-sharing (AppCDS) archive for target/tpm2j.jar, which the
# top-level `tpm2j` launcher passes to the JVM: the classes a CLI run needs (JDK, picocli, tpm2j) are then mapped
# from the archive, already parsed and verified, instead of being read from the jar.
#
# A static archive (-Xshare:dump with a class list) holds the JDK's classes and the application's in one file, so a
# run maps one archive. picocli's own jar holds Java 5 class files, which JDK 17 archives only unlinked (verified
# again at every start); the runnable jar carries picocli rebuilt for Java 17 instead (see the POM).
# The class list comes from a few training runs (no TPM needed; with swtpm installed, also a throw-away swtpm),
# each bounded by `timeout` where it exists. The archive is only valid for the JVM that made
# it and for the jar at this exact path; a JVM that cannot use it ignores it (-Xshare:auto) and starts as usual.
#
# Never fails the build: if this JVM cannot dump an archive, it says so and leaves none behind.
#
# usage: cds-archive.sh JAVA_HOME TARGET_DIR
java_home=$1
target=$(cd "$2" && pwd -P)
java="$java_home/bin/java"
jar="$target/tpm2j.jar"
jsa="$target/tpm2j.jsa"
work="$target/cds"
rm -rf "$work" "$jsa" "$jsa.jvm"
mkdir -p "$work"
if [ ! -f "$jar" ] || [ ! -x "$java" ]; then
  echo "cds-archive: no $jar or no $java; no CDS archive" >&2
  exit 0
fi
limit=
if command -v timeout >/dev/null 2>&1; then
  limit="timeout 60"
fi
n=0
train() {
  n=$((n + 1))
  # shellcheck disable=SC2086 # $limit is empty or a command with its argument
  $limit "$java" -XX:DumpLoadedClassList="$work/run$n.classlist" -cp "$jar" dev.tpm2j.cli.Tpm2jCli "$@" \
    >/dev/null 2>&1 </dev/null
}
# TPM-less commands, the full help (every subcommand's model), and a TPM command whose connection is refused
# (transport and facade classes up to the first round trip).
train rc 0x101
train --json rc 0x9a2
train --help
train --tpm swtpm:host=127.0.0.1,port=9 info
# With swtpm installed, TPM commands are also trained against a real (throw-away) swtpm: responses, parsing, output.
if command -v swtpm >/dev/null 2>&1; then
  port=$((20000 + $$ % 20000))
  mkdir -p "$work/swtpm"
  swtpm socket --tpm2 --tpmstate dir="$work/swtpm" --flags not-need-init,startup-clear \
    --server type=tcp,port=$port,bindaddr=127.0.0.1 --ctrl type=tcp,port=$((port + 1)),bindaddr=127.0.0.1 \
    >/dev/null 2>&1 &
  swtpm_pid=$!
  sleep 0.5
  if kill -0 "$swtpm_pid" 2>/dev/null; then # it started (its port was free): train against it
    train --tpm "swtpm:host=127.0.0.1,port=$port" info
    train --tpm "swtpm:host=127.0.0.1,port=$port" --json nv-summary
    kill "$swtpm_pid" 2>/dev/null
  fi
  wait "$swtpm_pid" 2>/dev/null
fi
# One list from all runs, each class once (lambda proxies too: with picocli built for Java 17, see the POM, every
# class in the list can be linked at dump time).
cat "$work"/run*.classlist 2>/dev/null | awk '!seen[$0]++' > "$work/tpm2j.classlist"
if [ ! -s "$work/tpm2j.classlist" ]; then
  echo "cds-archive: this JVM wrote no class list; no CDS archive" >&2
  exit 0
fi
if "$java" -Xshare:dump -XX:SharedClassListFile="$work/tpm2j.classlist" -XX:SharedArchiveFile="$jsa" \
    -cp "$jar" >"$work/dump.log" 2>&1 && [ -s "$jsa" ]; then
  # The launcher uses the archive only with this JVM (another one would reject it, noisily on newer JDKs).
  readlink -f "$java" > "$jsa.jvm"
  echo "cds-archive: wrote $jsa ($(wc -l < "$work/tpm2j.classlist") classes listed)"
else
  echo "cds-archive: this JVM could not dump a CDS archive (see $work/dump.log); the launcher starts without one" >&2
  rm -f "$jsa"
fi
exit 0
