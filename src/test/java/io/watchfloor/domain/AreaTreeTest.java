package io.watchfloor.domain;

import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped district as a tree: subtrees, scope checks, and where alerts are owned and escalate to. */
@UnitTest
class AreaTreeTest {
  private final Catalogue catalogue = TestTown.CATALOGUE;

  @Test
  void theRootIsTheJurisdictionAndHoldsEverySite() {
    assertThat(catalogue.root().id()).isEqualTo(catalogue.jurisdiction().id());
    assertThat(catalogue.subtreeSites(catalogue.root().id())).hasSameElementsAs(catalogue.sites());
    assertThat(catalogue.subtreeAreas(catalogue.root().id())).hasSameElementsAs(catalogue.areas());
  }

  @Test
  void aTownsSubtreeIsItsVillagesAndTheirSites() {
    assertThat(catalogue.subtreeAreas("xudong").get(0).id()).isEqualTo("xudong");
    assertThat(catalogue.subtreeAreas("xudong")).hasSize(9);
    assertThat(catalogue.subtreeSites("xudong")).hasSize(20)
        .allMatch(s -> s.area().equals("xudong") || catalogue.area(s.area()).orElseThrow().parent().equals("xudong"));
    assertThat(catalogue.subtreeSites("liangting")).extracting(Site::id).containsExactly("pd-liangting", "sn-liangting");
  }

  @Test
  void containsIsAncestorOrSelfAndNeverTrueForTheUnknown() {
    String root = catalogue.root().id();
    assertThat(catalogue.contains(root, "liangting")).isTrue();
    assertThat(catalogue.contains("xudong", "liangting")).isTrue();
    assertThat(catalogue.contains("xudong", "xudong")).isTrue();
    assertThat(catalogue.contains("liangting", "xudong")).isFalse();
    assertThat(catalogue.contains("xudong", root)).isFalse();
    assertThat(catalogue.contains("xudong", "atlantis")).isFalse();
    assertThat(catalogue.contains("atlantis", "xudong")).isFalse();
    assertThat(catalogue.containsSite("xudong", "cp-highway-exit")).isTrue();
    assertThat(catalogue.containsSite("liangting", "cp-highway-exit")).isFalse();
  }

  @Test
  void childTowardIsTheRankedChildOnThePath() {
    String root = catalogue.root().id();
    assertThat(catalogue.childToward(root, "liangting").map(Area::id)).contains("xudong");
    assertThat(catalogue.childToward("xudong", "liangting").map(Area::id)).contains("liangting");
    assertThat(catalogue.childToward("xudong", "xudong")).isEmpty();
    assertThat(catalogue.childToward("liangting", "xudong")).isEmpty();
  }

  @Test
  void villageAlertsAreOwnedByTheTownAndEscalateToTheDistrict() {
    String root = catalogue.root().id();
    assertThat(catalogue.desk("liangting").map(Area::id)).contains("xudong");
    assertThat(catalogue.escalationTarget("liangting").map(Area::id)).contains(root);
    assertThat(catalogue.escalationTarget("xudong").map(Area::id)).contains(root);
    assertThat(catalogue.escalationTarget(root)).isEmpty();
  }
}
