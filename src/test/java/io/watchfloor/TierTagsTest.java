package io.watchfloor;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test class names its tier, exactly one, so that the quick tier ({@code mvn -B -Pquick test}) is
 * all the tests that need no database, server or browser, and no test falls out of every tier.
 */
@UnitTest
class TierTagsTest {
  private static final Set<String> TIERS = Set.of("unit", "pg", "browser", "cluster", "ha");

  @Test
  void everyTestClassHasExactlyOneTier() {
    List<Class<?>> tests = testClasses();
    Map<String, List<String>> wrong = new TreeMap<>();
    for (Class<?> test : tests) {
      List<String> tiers = tiers(test);
      if (tiers.size() != 1) {
        wrong.put(test.getName(), tiers);
      }
    }
    assertThat(tests).as("the scan finds the test classes").hasSizeGreaterThan(50).contains(TierTagsTest.class);
    assertThat(wrong).as("test classes without exactly one of @UnitTest, @PgTest, @BrowserTest, @ClusterTest, @HaTest").isEmpty();
  }

  @Test
  void theTiersAreReadFromTheMetaAnnotations() {
    assertThat(tiers(TierTagsTest.class)).containsExactly("unit");
    assertThat(tiers(Untagged.class)).isEmpty();
  }

  /** What surefire runs: top-level, concrete classes with a test method of their own or inherited. */
  private static List<Class<?>> testClasses() {
    return ReflectionSupport.findAllClassesInPackage("io.watchfloor",
        type -> !type.isInterface() && !type.isAnnotation() && !Modifier.isAbstract(type.getModifiers())
            && type.getEnclosingClass() == null && !type.getPackageName().startsWith("io.watchfloor.bench")
            && !ReflectionSupport.findMethods(type, m -> AnnotationSupport.isAnnotated(m, Testable.class),
                HierarchyTraversalMode.TOP_DOWN).isEmpty(),
        name -> true);
  }

  private static List<String> tiers(Class<?> test) {
    return AnnotationSupport.findRepeatableAnnotations(test, Tag.class).stream().map(Tag::value)
        .filter(TIERS::contains).distinct().sorted().collect(Collectors.toList());
  }

  /** Not a test that runs: a nested class, which surefire skips, to show what a class without a tier reads as. */
  static class Untagged {
  }
}
