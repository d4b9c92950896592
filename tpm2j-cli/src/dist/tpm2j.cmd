@echo off
rem tpm2j launcher for Windows: runs tpm2j.jar from this file's folder with a Java 17 or later runtime, from
rem JAVA_HOME when it holds one, else the java.exe found on PATH. Arguments go to tpm2j unchanged; the exit code
rem is tpm2j's (0 ok, 1 a finding, 2 usage error, 3 TPM or I/O error; 3 also when no java or jar is found).
rem TPM2J_JAVA_OPTS adds JVM options, e.g. -Djna.boot.library.path=DIR -Djna.nounpack=true (README "On Windows").
rem Start-up (docs/performance.md "CLI start-up"): the client compiler only, and a class-data archive in
rem LOCALAPPDATA\tpm2j that the first run with this java.exe and this tpm2j.jar writes at exit and later runs map.
rem The archive is named by the sizes of both, so another JVM or jar gets an archive of its own (an unusable one is
rem ignored silently).
rem The distribution zip stores this file with CRLF line ends (cmd.exe misreads labels in LF-only files).
setlocal
set "TPM2J_JAR=%~dp0tpm2j.jar"
if exist "%TPM2J_JAR%" goto :findjava
echo tpm2j: "%TPM2J_JAR%" is missing; unzip the whole distribution 1>&2
exit /b 3

:findjava
set "TPM2J_JAVA="
if not defined JAVA_HOME goto :path
rem a JAVA_HOME set with quotes around it still works
set "TPM2J_JAVA_HOME=%JAVA_HOME:"=%"
if not exist "%TPM2J_JAVA_HOME%\bin\java.exe" goto :path
set "TPM2J_JAVA=%TPM2J_JAVA_HOME%\bin\java.exe"
goto :run

:path
for %%J in (java.exe) do set "TPM2J_JAVA=%%~$PATH:J"
if defined TPM2J_JAVA goto :run
echo tpm2j: no java found: install a Java 17 or later runtime, then set JAVA_HOME or put java on PATH 1>&2
exit /b 3

:run
set "TPM2J_FAST=-XX:TieredStopAtLevel=1 -XX:-UsePerfData"
if not defined LOCALAPPDATA goto :plain
for %%F in ("%TPM2J_JAVA%") do set "TPM2J_JSA=%%~zF"
for %%F in ("%TPM2J_JAR%") do set "TPM2J_JSA=%LOCALAPPDATA%\tpm2j\tpm2j-%TPM2J_JSA%-%%~zF.jsa"
if exist "%TPM2J_JSA%" goto :shared
if not exist "%LOCALAPPDATA%\tpm2j" mkdir "%LOCALAPPDATA%\tpm2j"
"%TPM2J_JAVA%" "-XX:ArchiveClassesAtExit=%TPM2J_JSA%" -Dtpm2j.archive=true -Xlog:cds=off -Xlog:cds+dynamic=off %TPM2J_FAST% %TPM2J_JAVA_OPTS% -cp "%TPM2J_JAR%" dev.tpm2j.cli.Tpm2jCli %*
exit /b %ERRORLEVEL%

:shared
"%TPM2J_JAVA%" "-XX:SharedArchiveFile=%TPM2J_JSA%" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off %TPM2J_FAST% %TPM2J_JAVA_OPTS% -cp "%TPM2J_JAR%" dev.tpm2j.cli.Tpm2jCli %*
exit /b %ERRORLEVEL%

:plain
"%TPM2J_JAVA%" %TPM2J_FAST% %TPM2J_JAVA_OPTS% -cp "%TPM2J_JAR%" dev.tpm2j.cli.Tpm2jCli %*
exit /b %ERRORLEVEL%
