package io.watchfloor.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A case (事件) and where it stands. Immutable: {@link CaseMachine} makes the next value from an action, and
 * the store keeps it beside the trail line that made it. {@code version} counts the trail's lines, so a
 * store writes a step only over the version it was computed from.
 *
 * @param unit         the unit it is dispatched to, while dispatched, handling or reported
 * @param clock        the running stage's deadline, or {@link Clock#NONE}
 * @param supervision  督办 level: null, "yellow" or "red"
 * @param extensionAsked the unit's pending request for more time, or null
 * @param parkedFrom   while parked, the state to resume to
 * @param reportedBy   who reported back last (the one who may not verify)
 */
public record CaseFile(UUID id, Subject subject, CaseState state, String unit, Clock clock, String supervision,
                       ExtensionAsk extensionAsked, CaseState parkedFrom, String reportedBy, Instant closedAt,
                       Tally tally, int version, Instant updatedAt) {

  /** What the case is about; fixed when it is opened. {@code source}: alert, officer or field. */
  public record Subject(String title, String category, String urgency, String site, String area, UUID alert,
                        String description, String source, String openedBy, Instant openedAt) {
  }

  /**
   * The running stage's deadline. {@code nearDue} and {@code overdue} are set by the deadline clock when it
   * passes 80 % and 100 % of [startedAt, dueAt]; {@code escalatedTo} is the last command centre an overdue
   * case was taken to, and {@code escalatedAt} when.
   */
  public record Clock(CaseStage stage, Instant startedAt, Instant dueAt, boolean nearDue, boolean overdue,
                      String escalatedTo, Instant escalatedAt) {
    public static final Clock NONE = new Clock(null, null, null, false, false, null, null);

    public static Clock started(CaseStage stage, Instant at, Instant dueAt) {
      return new Clock(stage, at, dueAt, false, false, null, null);
    }

    public boolean running() {
      return stage != null;
    }

    /** 80 % of the way from start to due: when the case turns near due (临期). */
    public Instant nearDueAt() {
      if (startedAt == null || dueAt == null) {
        return null;
      }
      long span = dueAt.toEpochMilli() - startedAt.toEpochMilli();
      return startedAt.plusMillis(span * 4 / 5);
    }
  }

  /** A unit's pending request for more time. */
  public record ExtensionAsk(Instant until, String reason, String by, Instant at) {
  }

  /**
   * What the figures count. {@code signedOnTime} / {@code handledOnTime}: null until the stage ended once,
   * then whether every time it ended, it ended by its deadline. {@code everOverdue}: a stage ran past its
   * deadline at least once (a case closed without that is closed on time).
   */
  public record Tally(int urges, int reworks, int extensions, int returns, Boolean signedOnTime,
                      Boolean handledOnTime, boolean everOverdue) {
    public static final Tally ZERO = new Tally(0, 0, 0, 0, null, null, false);
  }

  public boolean open() {
    return state.open();
  }
}
