package dev.agentsession;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet on the documentation pages (the README, {@code docs/*.md} and
 * {@code benchmarks/README.md}) is a region of a test in this repository that compiles and runs it:
 * the lines between {@code // tag::NAME[]} and {@code // end::NAME[]} in a {@code .java} file
 * under some module's {@code src}, compared after removing their common indentation. A line of a
 * region that ends with {@value #NOT_ON_THE_PAGE} (an assertion inside the snippet's block) is
 * left out of the comparison. A page whose snippet no test holds, or holds differently, fails
 * here, so pages cannot drift from the library.
 */
@DisplayName("documentation snippets")
class DocumentationSnippetsTest {

    /** The repository's root, seen from this module's folder, where the tests run. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([A-Za-z0-9_.-]+)\\[]\\s*$");
    /** Ends a line of a tagged region that the page does not show. */
    static final String NOT_ON_THE_PAGE = "// not on the page";

    /** A Java snippet of a page, and where it starts. */
    record Snippet(String page, int line, String code) {
    }

    @Test
    @DisplayName("every Java snippet on a page is, line for line, a tagged region of a test that runs it")
    void everySnippetIsTested() throws IOException {
        List<Snippet> snippets = snippets();
        Map<String, String> regions = regions();
        List<String> missing = new ArrayList<>();
        for (Snippet snippet : snippets) {
            if (!regions.containsValue(snippet.code())) {
                missing.add(snippet.page() + ":" + snippet.line() + " (" + snippet.code().lines().findFirst().orElse("")
                        + ")");
            }
        }
        assertThat(snippets).as("Java snippets on the pages").hasSizeGreaterThanOrEqualTo(10);
        assertThat(missing).as("snippets that no tagged test region holds exactly; tagged regions: "
                + regions.keySet()).isEmpty();
    }

    @Test
    @DisplayName("every page links only to pages and files that exist")
    void linksResolve() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher matcher = link.matcher(Files.readString(page));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (!target.contains("://") && !Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("benchmarks/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<Snippet> snippets() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("```java")) {
                    int start = i + 1;
                    int end = start;
                    while (!lines.get(end).startsWith("```")) {
                        end++;
                    }
                    snippets.add(new Snippet(ROOT.relativize(page).toString(), start + 1,
                            dedent(lines.subList(start, end))));
                    i = end;
                }
            }
        }
        return snippets;
    }

    /** Every tagged region in the repository's Java sources, by file and tag. */
    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !ROOT.relativize(path).toString().contains("target/"))
                    .filter(path -> ROOT.relativize(path).toString().contains("src/"))
                    .forEach(file -> regions.putAll(regions(file)));
        }
        return regions;
    }

    private static Map<String, String> regions(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i));
            if (tag.matches()) {
                String end = "// end::" + tag.group(1) + "[]";
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).trim().equals(end)) {
                    j++;
                }
                assertThat(j).as("%s: %s is closed by %s", file, tag.group(1), end).isLessThan(lines.size());
                List<String> shown = lines.subList(i + 1, j).stream()
                        .filter(line -> !line.stripTrailing().endsWith(NOT_ON_THE_PAGE)).toList();
                regions.put(ROOT.relativize(file) + "#" + tag.group(1), dedent(shown));
            }
        }
        return regions;
    }

    /** The lines without their common indentation and trailing blanks, joined by newlines. */
    static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return text.toString().strip();
    }
}
