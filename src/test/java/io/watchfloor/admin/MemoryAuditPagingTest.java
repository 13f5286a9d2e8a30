package io.watchfloor.admin;

import io.watchfloor.UnitTest;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.audit.AuditQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store pages, filters and counts tries as PostgreSQL does (AuditPgTest), lines at one instant included. */
@UnitTest
class MemoryAuditPagingTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void pagesByKeyReachEveryLineOnceNewestFirstAndFiltersHold() {
    MemoryAccessStore store = new MemoryAccessStore(1000, "district", false);
    for (int i = 0; i < 30; i++) {
      // three lines to an instant, so ties are broken by id
      store.record(AuditEntry.of(T.plusSeconds(i / 3), "admin", i % 2 == 0 ? "unit.create" : "sign-in.failed", "t" + i,
          "district", null, null));
    }
    List<Long> seen = new ArrayList<>();
    AuditQuery.Cursor cursor = null;
    do {
      AuditQuery query = new AuditQuery(T, T.plusSeconds(60), null, List.of(), List.of(), cursor, 7);
      AuditQuery.Page page = AuditQuery.Page.of(store.audit(query.probing()).result(), 7);
      page.entries().forEach(e -> seen.add(e.id()));
      cursor = page.next() == null ? null : AuditQuery.Cursor.parse(page.next().token()).orElseThrow();
    } while (cursor != null);
    assertThat(seen).hasSize(30).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));

    List<AuditEntry> changes = store.audit(new AuditQuery(T, T.plusSeconds(60), null, List.of(), List.of("sign-in.failed"),
        null, 100)).result();
    assertThat(changes).hasSize(15).allMatch(e -> e.action().equals("unit.create"));
    assertThat(store.audit(new AuditQuery(T, T.plusSeconds(60), null, List.of("sign-in.failed"), List.of(), null, 100))
        .result()).hasSize(15).allMatch(e -> e.action().equals("sign-in.failed"));
  }

  @Test
  void aFailedSignInLineCountsItsTries() {
    MemoryAccessStore store = new MemoryAccessStore(1000, "district", false);
    FailedSignIns failures = new FailedSignIns(store);
    for (int i = 0; i < 5; i++) {
      failures.record(AuditEntry.of(T.plusSeconds(i), "anonymous@10.0.0.1", "sign-in.failed", "duty", "district", null, null));
    }
    failures.record(AuditEntry.of(T.plusSeconds(9), "anonymous@10.0.0.2", "sign-in.failed", "duty", "district", null, null));
    failures.record(AuditEntry.of(T.plus(FailedSignIns.WINDOW).plusSeconds(1), "anonymous@10.0.0.1", "sign-in.failed", "duty",
        "district", null, null));
    List<AuditEntry> lines = store.audit(new AuditQuery(T, T.plusSeconds(99_999), null, List.of(), List.of(), null, 100)).result();
    assertThat(lines).extracting(e -> e.actor() + " " + e.after().getLong("attempts"))
        .containsExactly("anonymous@10.0.0.1 1", "anonymous@10.0.0.2 1", "anonymous@10.0.0.1 5");
    assertThat(lines.get(2).after().getString("lastAt")).isEqualTo(T.plusSeconds(4).toString());
  }
}
