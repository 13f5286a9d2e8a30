package io.watchfloor.cases;

import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseFile.Clock;
import io.watchfloor.domain.CaseFile.Subject;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.CaseState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;

/**
 * What both case stores decide alike: PostgreSQL says it in SQL ({@link CaseQueries}), the memory store in
 * these methods, and the case store suite holds them to the same answers.
 */
final class CaseRules {
  private CaseRules() {
  }

  /** Lists: newest first; ties in the order PostgreSQL gives uuids (their bytes, as their text sorts). */
  static final Comparator<CaseFile> NEWEST_FIRST = Comparator.comparing((CaseFile f) -> f.subject().openedAt())
      .reversed().thenComparing(f -> f.id().toString());

  /** The same opening sent again: the same subject, its opening time aside (a resend is made later). */
  static boolean sameSubject(Subject stored, Subject sent) {
    return withoutTime(stored).equals(withoutTime(sent));
  }

  private static Subject withoutTime(Subject s) {
    return new Subject(s.title(), s.category(), s.urgency(), s.site(), s.area(), s.alert(), s.description(),
        s.source(), s.openedBy(), null);
  }

  /**
   * When a case stopped counting as open: closed, or cancelled (nothing follows either, so its last update
   * is the ending one). Never before its opening, whatever the clocks of the nodes that acted said.
   */
  static Instant endedAt(CaseFile file) {
    Instant end = file.state() == CaseState.CLOSED ? file.closedAt()
        : file.state() == CaseState.CANCELLED ? file.updatedAt() : null;
    if (end == null) {
      return file.state().open() ? null : file.subject().openedAt();
    }
    return end.isBefore(file.subject().openedAt()) ? file.subject().openedAt() : end;
  }

  /** Whether the case's open span [opened, ended] meets [from, to). */
  static boolean touches(CaseFile file, Instant from, Instant to) {
    Instant ended = endedAt(file);
    return from.isBefore(to) && file.subject().openedAt().isBefore(to) && (ended == null || !ended.isBefore(from));
  }

  /** The deadline clock's question ({@link CaseQueries#DUE}): near due, overdue, or due a step up. */
  static boolean due(CaseFile file, Instant now, Duration escalateAfter, Collection<String> tops) {
    Clock c = file.clock();
    if (!c.running()) {
      return false;
    }
    if (!c.nearDue() && !c.nearDueAt().isAfter(now) || !c.overdue() && !c.dueAt().isAfter(now)) {
      return true;
    }
    return c.overdue() && (c.escalatedAt() == null || !c.escalatedAt().isAfter(now.minus(escalateAfter)))
        && (c.escalatedTo() == null || !tops.contains(c.escalatedTo()));
  }

  static boolean matches(CaseStore.Filter f, CaseFile c) {
    return (f.areas() == null || f.areas().contains(c.subject().area()))
        && (f.state() == null || c.state() == f.state())
        && (f.open() == null || c.open() == f.open())
        && (f.overdue() == null || c.clock().overdue() == f.overdue())
        && (f.nearDue() == null || c.clock().nearDue() == f.nearDue())
        && (f.supervised() == null || (c.supervision() != null) == f.supervised())
        && (f.unit() == null || f.unit().equals(c.unit()))
        && (f.category() == null || f.category().equals(c.subject().category()));
  }

  /** PostgreSQL keeps microseconds: every time a store keeps is cut to them first, so answers equal reads. */
  static Instant micros(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
  }

  static CaseCommand micros(CaseCommand c) {
    return new CaseCommand(c.action(), c.actor(), c.note(), c.unit(), c.passed(), micros(c.until()), c.granted(),
        c.level());
  }

  /** The opening as it will be kept: its times in microseconds. */
  static CaseMachine.Step micros(CaseMachine.Step opening) {
    CaseFile f = opening.after();
    Subject s = f.subject();
    Subject subject = new Subject(s.title(), s.category(), s.urgency(), s.site(), s.area(), s.alert(),
        s.description(), s.source(), s.openedBy(), micros(s.openedAt()));
    CaseFile file = new CaseFile(f.id(), subject, f.state(), f.unit(), f.clock(), f.supervision(), f.extensionAsked(),
        f.parkedFrom(), f.reportedBy(), micros(f.closedAt()), f.tally(), f.version(), micros(f.updatedAt()));
    CaseEvent e = opening.event();
    return new CaseMachine.Step(file, new CaseEvent(e.caseId(), e.seq(), e.action(), e.by(), micros(e.at()),
        e.from(), e.to(), e.note(), e.detail()));
  }
}
