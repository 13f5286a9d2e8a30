package io.watchfloor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages import one another without cycles, and {@code domain} imports nothing of ours
 * nor of Vert.x: the structure docs/architecture.md describes. Found once: admin and live imported each other.
 */
@UnitTest
class PackageCycleTest {
  private static final Path ROOT = Path.of("src", "main", "java", "io", "watchfloor");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.watchfloor\\.([a-z]+)\\.");

  @Test
  void featurePackagesFormNoCycle() {
    Map<String, Set<String>> graph = imports();
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>(List.of(start));
      if (reaches(graph, start, start, path, new HashSet<>())) {
        cycles.add(String.join(" → ", path));
      }
    }
    assertThat(cycles).as("package cycles; the imports are %s", graph).isEmpty();
  }

  @Test
  void theDomainKnowsNothingOfOursNorOfVertx() throws IOException {
    assertThat(imports().getOrDefault("domain", Set.of())).as("packages domain imports").isEmpty();
    try (Stream<Path> files = Files.list(ROOT.resolve("domain"))) {
      List<Path> vertx = files.filter(f -> read(f).contains("import io.vertx.")).toList();
      assertThat(vertx).as("domain classes importing Vert.x").isEmpty();
    }
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String target, List<String> path,
                                 Set<String> seen) {
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        path.add(next);
        return true;
      }
      if (seen.add(next)) {
        path.add(next);
        if (reaches(graph, next, target, path, seen)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  private static Map<String, Set<String>> imports() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String name = dir.getFileName().toString();
        Set<String> used = graph.computeIfAbsent(name, k -> new TreeSet<>());
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
            Matcher m = IMPORT.matcher(read(f));
            while (m.find()) {
              if (!m.group(1).equals(name)) {
                used.add(m.group(1));
              }
            }
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HashMap<>(graph);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
