package dev.tpm2j.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader for the small part of cmd.exe's batch language a launcher needs (there is no Windows here): it parses a
 * .cmd file into statements and runs them against a given environment, file system and arguments, recording the
 * command line it would start, what it echoes to stderr and its exit code. Anything outside that subset is refused
 * (an {@link IllegalArgumentException} naming the line), so the launcher cannot drift into constructs this reader
 * would misjudge. Supported: {@code @echo off}, {@code setlocal}, {@code rem}, {@code :label}, {@code goto :label},
 * {@code set "NAME=VALUE"}, {@code if [not] defined NAME stmt}, {@code if [not] exist "PATH" stmt},
 * {@code for %%X in (FILE) do set "NAME=%%~$PATH:X"}, {@code for %%X in ("PATH") do set "NAME=…%%~zX…"} (a file's
 * size), {@code mkdir "PATH"}, {@code echo … 1>&2}, {@code exit /b N} and a program started by a quoted path;
 * expansions {@code %NAME%}, {@code %NAME:"=%}, {@code %~dp0}, {@code %*}.
 */
final class CmdScript {
    private static final Pattern SET = Pattern.compile("set \"([A-Za-z0-9_]+)=(.*)\"");
    private static final Pattern IF_DEFINED = Pattern.compile("if (not )?defined ([A-Za-z0-9_]+) (.+)");
    private static final Pattern IF_EXIST = Pattern.compile("if (not )?exist (\"[^\"]+\") (.+)");
    private static final Pattern FOR_PATH = Pattern.compile(
            "for %%([A-Za-z]) in \\(([^()\\s]+)\\) do set \"([A-Za-z0-9_]+)=%%~\\$PATH:([A-Za-z])\"");
    private static final Pattern FOR_SIZE = Pattern.compile(
            "for %%([A-Za-z]) in \\((\"[^\"]+\")\\) do set \"([A-Za-z0-9_]+)=(.*)\"");
    private static final Pattern MKDIR = Pattern.compile("mkdir (\"[^\"]+\")");
    private static final Pattern VARIABLE = Pattern.compile("%~dp0|%\\*|%([A-Za-z0-9_]+)(:\"=)?%");

    private final List<String> lines;
    private final Map<String, Integer> labels = new HashMap<>();

    /** What a run did: the program command line it started (null if none), its stderr lines and exit code. */
    record Run(String started, List<String> stderr, int exit) {
    }

    /** Parses {@code text} (lines split at CRLF; a bare LF is refused: cmd.exe needs CRLF to find labels). */
    CmdScript(String text) {
        if (text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r")) {
            throw new IllegalArgumentException("not CRLF throughout");
        }
        lines = List.of(text.split("\r\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(":")) {
                labels.put(l.substring(1).toLowerCase(java.util.Locale.ROOT), i);
            }
        }
    }

    /** The lines, without CRLF. */
    List<String> lines() {
        return lines;
    }

    /** The labels the script defines (lower case) and the labels its gotos name. */
    Set<String> labels() {
        return labels.keySet();
    }

    /**
     * Runs the script as {@code scriptDir\name.cmd ARGS}: {@code env} is the environment (names case-insensitive),
     * {@code files} the files that exist (Windows paths), {@code programExit} the exit code of the program it starts.
     */
    Run run(String scriptDir, String args, Map<String, String> env, Set<String> files, int programExit) {
        Map<String, Long> sizes = new HashMap<>();
        files.forEach(f -> sizes.put(f, 1000L + f.length()));
        return run(scriptDir, args, env, sizes, programExit);
    }

    /** {@link #run(String, String, Map, Set, int)} with the files that exist given with their sizes. */
    Run run(String scriptDir, String args, Map<String, String> env, Map<String, Long> fileSizes, int programExit) {
        Map<String, Long> sizes = new HashMap<>(fileSizes);
        Set<String> files = sizes.keySet();
        Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        vars.putAll(env);
        List<String> stderr = new ArrayList<>();
        String started = null;
        int pc = 0;
        int steps = 0;
        while (pc < lines.size()) {
            if (++steps > 1000) {
                throw new IllegalArgumentException("does not terminate");
            }
            String line = lines.get(pc).strip();
            pc++;
            String stmt = line;
            while (true) { // an if prefix guards the statement after it
                Matcher d = IF_DEFINED.matcher(stmt);
                Matcher e = IF_EXIST.matcher(stmt);
                if (d.matches()) {
                    boolean holds = vars.containsKey(d.group(2)) == (d.group(1) == null);
                    stmt = holds ? d.group(3) : "rem (if not taken)";
                } else if (e.matches()) {
                    String path = unquote(expand(e.group(2), scriptDir, args, vars));
                    boolean holds = files.contains(path) == (e.group(1) == null);
                    stmt = holds ? e.group(3) : "rem (if not taken)";
                } else {
                    break;
                }
            }
            String lower = stmt.toLowerCase(java.util.Locale.ROOT);
            Matcher set = SET.matcher(stmt);
            Matcher forPath = FOR_PATH.matcher(stmt);
            Matcher forSize = FOR_SIZE.matcher(stmt);
            Matcher mkdir = MKDIR.matcher(stmt);
            if (stmt.isEmpty() || lower.equals("@echo off") || lower.equals("setlocal") || lower.startsWith("rem ")
                    || stmt.startsWith(":")) {
                continue;
            } else if (lower.startsWith("goto :")) {
                Integer target = labels.get(lower.substring("goto :".length()).strip());
                if (target == null) {
                    throw new IllegalArgumentException("goto to a missing label: " + line);
                }
                pc = target;
            } else if (set.matches()) {
                String value = expand(set.group(2), scriptDir, args, vars);
                if (value.isEmpty()) {
                    vars.remove(set.group(1));
                } else {
                    vars.put(set.group(1), value);
                }
            } else if (forPath.matches()) {
                if (!forPath.group(1).equals(forPath.group(4))) {
                    throw new IllegalArgumentException("for variable mismatch: " + line);
                }
                String found = "";
                for (String dir : vars.getOrDefault("PATH", "").split(";")) {
                    String candidate = dir.replaceAll("\\\\$", "") + "\\" + forPath.group(2);
                    if (!dir.isEmpty() && files.contains(candidate)) {
                        found = candidate;
                        break;
                    }
                }
                if (found.isEmpty()) {
                    vars.remove(forPath.group(3));
                } else {
                    vars.put(forPath.group(3), found);
                }
            } else if (forSize.matches()) {
                String path = unquote(expand(forSize.group(2), scriptDir, args, vars));
                String size = files.contains(path) ? Long.toString(sizes.get(path)) : "";
                String value = expand(forSize.group(4).replace("%%~z" + forSize.group(1), size), scriptDir, args, vars);
                if (value.contains("%%")) {
                    throw new IllegalArgumentException("a for modifier this reader does not know: " + line);
                }
                vars.put(forSize.group(3), value);
            } else if (mkdir.matches()) {
                sizes.put(unquote(expand(mkdir.group(1), scriptDir, args, vars)), 0L);
            } else if (lower.startsWith("echo ") && stmt.endsWith(" 1>&2")) {
                stderr.add(expand(stmt.substring(5, stmt.length() - 5), scriptDir, args, vars));
            } else if (lower.startsWith("exit /b ")) {
                return new Run(started, stderr, Integer.parseInt(expand(stmt.substring(8), scriptDir, args, vars)
                        .strip()));
            } else if (stmt.startsWith("\"")) {
                if (started != null) {
                    throw new IllegalArgumentException("starts a second program: " + line);
                }
                started = expand(stmt, scriptDir, args, vars);
                vars.put("ERRORLEVEL", Integer.toString(programExit));
            } else {
                throw new IllegalArgumentException("outside the subset this reader understands: " + line);
            }
        }
        return new Run(started, stderr, Integer.parseInt(vars.getOrDefault("ERRORLEVEL", "0")));
    }

    private static String expand(String s, String scriptDir, String args, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group().equals("%~dp0")) {
                value = scriptDir;
            } else if (m.group().equals("%*")) {
                value = args;
            } else {
                value = vars.getOrDefault(m.group(1), "");
                if (m.group(2) != null) {
                    value = value.replace("\"", "");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * Splits a Windows command line the way the C runtime (and so java.exe) does for the cases a launcher produces:
     * spaces separate arguments, double quotes group and are removed (no backslash escapes are used here).
     */
    static List<String> argv(String commandLine) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : commandLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
