package io.watchfloor;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of docs/architecture.md ("Packages and what each may use"), checked on the compiled
 * classes: the table is read from the document itself, so the rules and the document are one list.
 * ArchUnit reads bytecode, so a fully qualified name in the source is a dependency like an import.
 *
 * <p>A feature's internals are its store implementations ({@code Pg*}, {@code Memory*} classes that
 * implement one of its interfaces) and its SQL ({@code *Queries}): only its own package uses them, and
 * the root package that wires the server; another feature asks over the bus or through the interface.
 * Package-private types need no rule: the compiler already keeps them in their package, and ArchUnit
 * sees what the compiler sees.
 */
@Tag("unit")
class ArchitectureTest {
  private static final String ROOT = "io.watchfloor";
  private static final Path DOC = Path.of("docs", "architecture.md");
  private static final String SECTION = "## Packages and what each may use";
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z]+)`\\s*\\|[^|]*\\|\\s*([^|]*?)\\s*\\|\\s*$");
  private static final Pattern NAMES = Pattern.compile("`[a-z]+`(\\s*,\\s*`[a-z]+`)*");
  /** What the "may use" column says when a package uses nothing of ours. */
  private static final Set<String> NONE = Set.of("—", "nothing of ours");
  private static final List<String> INTERNAL_PREFIXES = List.of("Pg", "Memory");
  private static final String INTERNAL_SUFFIX = "Queries";

  /** The main classes only, read from Maven's output directory: no scan of the jars on the class path. */
  private static final JavaClasses CLASSES = new ClassFileImporter().importPath(Path.of("target", "classes"));
  private static final Map<String, Set<String>> MAY_USE = mayUse(read(DOC));

  @Test
  void theTableNamesEveryPackageOfOursAndNoOther() {
    Set<String> packages = CLASSES.stream().map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(ROOT + "."))
        .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(MAY_USE.keySet())).as("packages in the table of %s", DOC).isEqualTo(packages);
    MAY_USE.forEach((pkg, used) -> assertThat(MAY_USE.keySet()).as("what %s may use", pkg).containsAll(used));
  }

  @Test
  void eachPackageUsesOnlyWhatTheTableAllows() {
    List<String> broken = new ArrayList<>();
    MAY_USE.forEach((pkg, allowed) -> {
      String[] forbidden = MAY_USE.keySet().stream()
          .filter(other -> !other.equals(pkg) && !allowed.contains(other))
          .map(other -> ROOT + "." + other + "..")
          .toArray(String[]::new);
      if (forbidden.length > 0) {
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
            .should().dependOnClassesThat().resideInAnyPackage(forbidden)
            .because(DOC + " says " + pkg + " may use " + (allowed.isEmpty() ? "nothing of ours" : allowed));
        collect(rule, broken);
      }
    });
    assertThat(broken).as("dependencies the table does not allow").isEmpty();
  }

  @Test
  void onlyTheRootPackageWiresTheFeatures() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage(ROOT)
        .should().dependOnClassesThat().resideInAPackage(ROOT)
        .because("Main, Watchfloor and Banner deploy the features; no feature knows them");
    rule.check(CLASSES);
  }

  @Test
  void thePackagesFormNoCycle() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    assertThat(cycleIn(MAY_USE)).as("a cycle in the table of %s", DOC).isEmpty();
  }

  @Test
  void theDomainKnowsNothingOfVertxNorOfOurs() {
    noClasses().that().resideInAPackage(ROOT + ".domain..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
        .orShould().dependOnClassesThat(DescribedPredicate.describe("of another package of ours",
                (JavaClass c) -> c.getPackageName().startsWith(ROOT)
                    && !c.getPackageName().startsWith(ROOT + ".domain")))
        .because("domain is plain Java, unit-tested without a server")
        .check(CLASSES);
  }

  @Test
  void aFeaturesStoresAndSqlStayInItsPackage() {
    List<String> broken = new ArrayList<>();
    for (String pkg : MAY_USE.keySet()) {
      String home = ROOT + "." + pkg;
      ArchRule rule = classes().that(DescribedPredicate.describe("are the store implementations or SQL of " + pkg,
              (JavaClass c) -> c.getPackageName().equals(home) && internal(c)))
          .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + "." + pkg, ROOT)
          .allowEmptyShould(true)
          .because("a feature's store implementations and SQL are its own; others ask it over the bus"
              + " or through its interface");
      collect(rule, broken);
    }
    assertThat(CLASSES.stream().filter(ArchitectureTest::internal)).as("the internals the rule guards").isNotEmpty();
    assertThat(broken).as("a feature's internals used from outside it (prefixes %s, suffix %s)",
        INTERNAL_PREFIXES, INTERNAL_SUFFIX).isEmpty();
  }

  /**
   * A store implementation (a {@code Pg*} or {@code Memory*} class implementing an interface of its own
   * package, such as {@code PgAlertStore} of {@code AlertStore}) or a class of SQL ({@code *Queries}).
   * Plumbing that every store shares, such as {@code PgPools}, implements no such interface and is not one.
   */
  private static boolean internal(JavaClass c) {
    boolean implementation = INTERNAL_PREFIXES.stream().anyMatch(p -> c.getSimpleName().startsWith(p))
        && c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().equals(c.getPackageName()));
    return implementation || c.getSimpleName().endsWith(INTERNAL_SUFFIX);
  }

  private static void collect(ArchRule rule, List<String> broken) {
    var result = rule.evaluate(CLASSES);
    if (result.hasViolation()) {
      broken.add(result.getFailureReport().toString());
    }
  }

  /**
   * The rows of the section's table: package → the packages it may use. A cell of "may use" is a list
   * of `names`, or "—" or "nothing of ours"; anything else fails, so prose cannot widen a rule unseen.
   */
  static Map<String, Set<String>> mayUse(String markdown) {
    int start = markdown.indexOf(SECTION);
    assertThat(start).as("%s has the section %s", DOC, SECTION).isNotNegative();
    int end = markdown.indexOf("\n## ", start + SECTION.length());
    String section = end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    Map<String, Set<String>> table = new LinkedHashMap<>();
    for (String line : section.lines().toList()) {
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      String cell = row.group(2);
      Set<String> used = new TreeSet<>();
      if (!NONE.contains(cell)) {
        assertThat(NAMES.matcher(cell).matches()).as("the 'may use' of %s is a list of `packages`: '%s'",
            row.group(1), cell).isTrue();
        Matcher name = Pattern.compile("`([a-z]+)`").matcher(cell);
        while (name.find()) {
          used.add(name.group(1));
        }
      }
      assertThat(table.put(row.group(1), used)).as("%s listed twice", row.group(1)).isNull();
    }
    assertThat(table).as("rows of the table in %s", DOC).isNotEmpty();
    return table;
  }

  /** A cycle of the table as "a → b → a", or empty. */
  private static List<String> cycleIn(Map<String, Set<String>> graph) {
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>(List.of(start));
      if (reaches(graph, start, start, path, new TreeSet<>())) {
        return path;
      }
    }
    return List.of();
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String target, List<String> path,
                                 Set<String> seen) {
    for (String next : graph.getOrDefault(from, Set.of())) {
      path.add(next);
      if (next.equals(target) || (seen.add(next) && reaches(graph, next, target, path, seen))) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
