package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md stays where users start (short), and no link in it or in docs/*.md leads nowhere. */
class ReadmeDocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void readmeIsAtMost300Lines() throws Exception {
        long lines = Files.readAllLines(Path.of("..", "README.md")).size();
        assertTrue(lines <= 300, "README.md has " + lines + " lines; move detail into docs/");
    }

    @Test
    void readmeLinksTheDocsChangelogAndSecurityPolicy() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String target : List.of("docs/library-guide.md", "docs/cli-reference.md", "docs/attestation.md",
                "docs/performance.md", "docs/hardening.md", "CHANGELOG.md", "SECURITY.md")) {
            assertTrue(readme.contains("](" + target + ")"), "README.md links " + target);
        }
    }

    /** Every example the tests compile and compare (ReadmeExampleTest, SessionsReadmeExampleTest, QuickstartTest). */
    static final Set<String> COMPILED = Set.of("quickstart", "first", "junit", "ekchain", "trust", "enroll", "platform",
            "keyattest", "jca", "sessions");

    @Test
    void everyJavaSnippetIsACompiledExample() throws Exception {
        List<String> unchecked = new ArrayList<>();
        for (Path doc : ReadmeExampleTest.docFiles()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("```java")) {
                    String before = i > 0 ? lines.get(i - 1).strip() : "";
                    Matcher m = Pattern.compile("<!-- example:(\\w+) -->").matcher(before);
                    if (!m.matches() || !COMPILED.contains(m.group(1))) {
                        unchecked.add(doc + ":" + (i + 1));
                    }
                }
            }
        }
        assertTrue(unchecked.isEmpty(), "Java snippets no test compiles: " + unchecked);
    }

    @Test
    void everyRelativeLinkPointsToAnExistingFileAndHeading() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Path doc : ReadmeExampleTest.docFiles()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("[a-z]+:.*")) {
                    continue; // http(s), mailto: not relative
                }
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(doc + ": " + link + " (no such file)");
                } else if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
                    broken.add(doc + ": " + link + " (no such heading)");
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links: " + broken);
    }

    /** GitHub's heading anchors of a Markdown file (lower case, punctuation dropped, spaces to hyphens). */
    static List<String> anchors(Path markdown) throws Exception {
        List<String> anchors = new ArrayList<>();
        if (!markdown.toString().endsWith(".md")) {
            return anchors;
        }
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
