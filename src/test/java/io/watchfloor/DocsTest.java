package io.watchfloor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository explains itself: every picture and page the README and docs/ link to is in the
 * repository, and no source file sends its reader to a document that is not.
 */
@UnitTest
class DocsTest {
  /** Markdown links and images: [text](target) and ![alt](target). */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  /** Documents outside this repository that code once cited: the product contract and its notes. */
  private static final Pattern OUTSIDE = Pattern.compile("DESIGN\\s*§|DESIGN\\.md|DESIGN\\ssection|\\.\\./shared/");
  /** A document of ours cited from source: docs/cases.md, docs/api.md#cases. */
  private static final Pattern OURS = Pattern.compile("docs/([a-z0-9-]+\\.md)");
  private static final List<String> SOURCE_ROOTS = List.of("src", "webroot", "bench", "deploy", "config", ".ci", "bin");

  @Test
  void everyPictureAndPageTheReadmeAndDocsLinkToIsInTheRepository() {
    List<String> missing = new ArrayList<>();
    for (Path doc : documents()) {
      Matcher link = LINK.matcher(read(doc));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")
            || target.startsWith("mailto:")) {
          continue;
        }
        Path file = doc.toAbsolutePath().getParent().resolve(target.replaceAll("#.*$", "")).normalize();
        if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
          missing.add(doc + " → " + target);
        }
      }
    }
    assertThat(missing).as("links to files that are not in the repository").isEmpty();
  }

  @Test
  void theReadmeShowsTheProductBeforeItTellsAboutIt() {
    String readme = read(Path.of("README.md"));
    int firstPicture = readme.indexOf("](docs/img/");
    int commands = readme.indexOf("bin/setup && mvn -B verify");
    assertThat(firstPicture).as("a screenshot from docs/img/").isPositive();
    assertThat(firstPicture).as("the screenshots come before the commands").isLessThan(commands);
    for (String page : List.of("architecture.md", "live-protocol.md", "operations.md", "security.md")) {
      assertThat(readme).as("the README links docs/" + page).contains("](docs/" + page);
    }
    assertThat(read(Path.of("docs", "architecture.md"))).as("the flow as a diagram").contains("```mermaid");
  }

  @Test
  void noSourceFileCitesADocumentOutsideTheRepository() {
    List<String> citations = new ArrayList<>();
    for (String root : SOURCE_ROOTS) {
      for (Path file : files(Path.of(root))) {
        String[] lines = read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (OUTSIDE.matcher(lines[i]).find()) {
            citations.add(file + ":" + (i + 1) + ": " + lines[i].strip());
          }
        }
      }
    }
    assertThat(citations).as("cite docs/ or say the reason instead").isEmpty();
  }

  @Test
  void everyDocumentASourceFileCitesIsInTheRepository() {
    List<String> missing = new ArrayList<>();
    for (String root : SOURCE_ROOTS) {
      for (Path file : files(Path.of(root))) {
        Matcher cited = OURS.matcher(read(file));
        while (cited.find()) {
          if (!Files.isRegularFile(Path.of("docs", cited.group(1)))) {
            missing.add(file + " → docs/" + cited.group(1));
          }
        }
      }
    }
    assertThat(missing).as("source files citing a document docs/ does not have").isEmpty();
  }

  private static List<Path> documents() {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    docs.addAll(files(Path.of("docs")).stream().filter(p -> p.toString().endsWith(".md")).toList());
    return docs;
  }

  private static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(DocsTest::isText).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isText(Path file) {
    String name = file.getFileName().toString();
    boolean text = name.matches(".*\\.(java|js|mjs|html|css|md|json|sql|sh|cfg|xml|txt|properties)$") || name.equals("run") || name.equals("test");
    return text && !file.toString().contains("vendor");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
