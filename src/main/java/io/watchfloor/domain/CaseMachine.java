package io.watchfloor.domain;

import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseFile.Clock;
import io.watchfloor.domain.CaseFile.ExtensionAsk;
import io.watchfloor.domain.CaseFile.Tally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.watchfloor.domain.CaseState.CANCELLED;
import static io.watchfloor.domain.CaseState.CLOSED;
import static io.watchfloor.domain.CaseState.DISPATCHED;
import static io.watchfloor.domain.CaseState.HANDLING;
import static io.watchfloor.domain.CaseState.NEW;
import static io.watchfloor.domain.CaseState.PARKED;
import static io.watchfloor.domain.CaseState.REPORTED;

/**
 * The closed loop's transitions (docs/cases.md), as one pure function: a case and an action give the next case
 * and the trail line that made it, or {@link CaseRefused}. Stores call it inside their write, so a trail
 * replayed through it gives the stored case again.
 */
public final class CaseMachine {
  private static final Set<CaseState> OPEN_STATES = EnumSet.of(NEW, DISPATCHED, HANDLING, REPORTED, PARKED);
  private static final Map<CaseAction, Set<CaseState>> FROM = new LinkedHashMap<>();

  static {
    FROM.put(CaseAction.DISPATCH, EnumSet.of(NEW));
    FROM.put(CaseAction.ACCEPT, EnumSet.of(DISPATCHED));
    FROM.put(CaseAction.RETURN, EnumSet.of(DISPATCHED, HANDLING));
    FROM.put(CaseAction.REPORT, EnumSet.of(HANDLING));
    FROM.put(CaseAction.VERIFY, EnumSet.of(REPORTED));
    FROM.put(CaseAction.EXTEND, EnumSet.of(DISPATCHED, HANDLING));
    FROM.put(CaseAction.EXTENSION, EnumSet.of(DISPATCHED, HANDLING));
    FROM.put(CaseAction.PARK, EnumSet.of(NEW, DISPATCHED, HANDLING));
    FROM.put(CaseAction.RESUME, EnumSet.of(PARKED));
    FROM.put(CaseAction.CANCEL, EnumSet.of(NEW, DISPATCHED));
    FROM.put(CaseAction.SUPERVISE, OPEN_STATES);
    FROM.put(CaseAction.URGE, EnumSet.of(DISPATCHED, HANDLING, REPORTED));
    FROM.put(CaseAction.NEAR_DUE, EnumSet.of(DISPATCHED, HANDLING, REPORTED));
    FROM.put(CaseAction.OVERDUE, EnumSet.of(DISPATCHED, HANDLING, REPORTED));
    FROM.put(CaseAction.ESCALATE, EnumSet.of(DISPATCHED, HANDLING, REPORTED));
  }

  private final StageClock deadlines;

  public CaseMachine(StageClock deadlines) {
    this.deadlines = deadlines;
  }

  /** The case and its trail line after an action. */
  public record Step(CaseFile after, CaseEvent event) {
  }

  /** A case opened: state new, version 1, and its first trail line. */
  public Step open(UUID id, CaseFile.Subject subject, Instant now) {
    CaseFile opened = new CaseFile(id, subject, NEW, null, Clock.NONE, null, null, null, null, null, Tally.ZERO, 1, now);
    return new Step(opened, new CaseEvent(id, 1, CaseAction.OPEN, subject.openedBy(), now, null, NEW,
        subject.description(), Map.of("source", subject.source())));
  }

  /** The actions a person may take now, in the table's order (the deadline clock's own are left out). */
  public static List<CaseAction> allowed(CaseFile file) {
    List<CaseAction> allowed = new ArrayList<>();
    FROM.forEach((action, from) -> {
      if (!action.allowedTo(Actor.Kind.SYSTEM) && from.contains(file.state()) && permits(file, action)) {
        allowed.add(action);
      }
    });
    return allowed;
  }

  /** Conditions beyond the state: an extension needs a request, and only one waits at a time. */
  private static boolean permits(CaseFile file, CaseAction action) {
    return switch (action) {
      case EXTENSION -> file.extensionAsked() != null;
      case EXTEND -> file.extensionAsked() == null;
      default -> true;
    };
  }

  public Step apply(CaseFile file, CaseCommand command, Instant now) {
    CaseAction action = command.action();
    Actor actor = command.actor();
    if (action == CaseAction.OPEN || !action.allowedTo(actor.kind())) {
      throw refused(file, action.key() + " is not for " + actor.kind().name().toLowerCase());
    }
    if (!FROM.get(action).contains(file.state()) || !permits(file, action)) {
      throw refused(file, action.key() + " is not allowed while the case is " + file.state().key());
    }
    if (actor.kind() == Actor.Kind.UNIT && !actor.id().equals(file.unit())) {
      throw refused(file, "the case is not dispatched to this unit");
    }
    requireFields(file, command);
    Next next = switch (action) {
      case DISPATCH -> dispatch(file, command, now);
      case ACCEPT -> moved(file, HANDLING, now).tally(ended(file, now, true));
      case RETURN -> new Next(file, NEW).unit(null).clock(Clock.NONE).ask(null).tally(tally(file).returns(1));
      case REPORT -> moved(file, REPORTED, now).reportedBy(actor.ref()).ask(null).tally(ended(file, now, false));
      case VERIFY -> verify(file, command, now);
      case EXTEND -> new Next(file, file.state()).ask(new ExtensionAsk(command.until(), command.note(), actor.ref(), now));
      case EXTENSION -> extension(file, command, now);
      case PARK -> new Next(file, PARKED).parkedFrom(file.state()).clock(Clock.NONE).ask(null);
      case RESUME -> moved(file, file.parkedFrom(), now).parkedFrom(null);
      case CANCEL -> new Next(file, CANCELLED).clock(Clock.NONE).ask(null);
      case SUPERVISE -> supervise(file, command);
      case URGE -> new Next(file, file.state()).tally(tally(file).urges(1));
      case NEAR_DUE -> clockTurn(file, true, false);
      case OVERDUE -> clockTurn(file, true, true);
      case ESCALATE -> escalate(file, command, now);
      case OPEN -> throw new IllegalStateException("open is not a transition");
    };
    if (late(file, now)) {
      next.overdue();
    }
    return next.step(file, command, now);
  }

  /**
   * The running stage is past its deadline at this step: the case was overdue, whether or not the deadline
   * clock came by in between (a unit that signs for it seconds late, a verification just past its hour).
   */
  private static boolean late(CaseFile file, Instant now) {
    Clock c = file.clock();
    return c.running() && c.dueAt() != null && now.isAfter(c.dueAt());
  }

  /** The fields an action cannot go without; the API names them on a 422 before, this keeps the trail whole. */
  private static void requireFields(CaseFile file, CaseCommand command) {
    switch (command.action()) {
      case EXTEND -> {
        if (command.until() == null) {
          throw refused(file, "extend needs the time asked for");
        }
      }
      case EXTENSION -> {
        if (command.granted() == null) {
          throw refused(file, "extension needs granted, true or false");
        }
      }
      case VERIFY -> {
        if (command.passed() == null) {
          throw refused(file, "verify needs passed, true or false");
        }
      }
      default -> {
      }
    }
  }

  private Next dispatch(CaseFile file, CaseCommand command, Instant now) {
    if (command.unit() == null || command.unit().isBlank()) {
      throw refused(file, "dispatch needs a unit");
    }
    return moved(file, DISPATCHED, now).unit(command.unit());
  }

  private Next verify(CaseFile file, CaseCommand command, Instant now) {
    if (command.actor().ref().equals(file.reportedBy())) {
      throw refused(file, "the one who reported back cannot verify");
    }
    if (Boolean.TRUE.equals(command.passed())) {
      return new Next(file, CLOSED).clock(Clock.NONE).closedAt(now);
    }
    return moved(file, HANDLING, now).tally(tally(file).reworks(1));
  }

  private Next extension(CaseFile file, CaseCommand command, Instant now) {
    Next next = new Next(file, file.state()).ask(null);
    if (!Boolean.TRUE.equals(command.granted())) {
      return next;
    }
    Instant until = command.until() != null ? command.until() : file.extensionAsked().until();
    Clock c = file.clock();
    boolean overdue = !until.isAfter(now);
    TallyBuilder counted = tally(file).extensions(1);
    return next.clock(new Clock(c.stage(), c.startedAt(), until, false, overdue, c.escalatedTo(), c.escalatedAt()))
        .tally(overdue ? counted.overdue() : counted);
  }

  private Next supervise(CaseFile file, CaseCommand command) {
    String level = command.level();
    if (!"yellow".equals(level) && !"red".equals(level)) {
      throw refused(file, "supervision is yellow or red");
    }
    if ("red".equals(file.supervision()) && "yellow".equals(level)) {
      throw refused(file, "supervision only rises: the case is supervised red");
    }
    return new Next(file, file.state()).supervision(level);
  }

  private Next clockTurn(CaseFile file, boolean nearDue, boolean overdue) {
    Clock c = file.clock();
    if (!c.running() || (overdue ? c.overdue() : c.nearDue())) {
      throw refused(file, "the deadline has already been marked");
    }
    Next next = new Next(file, file.state())
        .clock(new Clock(c.stage(), c.startedAt(), c.dueAt(), nearDue, overdue || c.overdue(), c.escalatedTo(), c.escalatedAt()));
    return overdue ? next.tally(tally(file).overdue()) : next;
  }

  private Next escalate(CaseFile file, CaseCommand command, Instant now) {
    Clock c = file.clock();
    if (!c.overdue() || command.level() == null || command.level().equals(c.escalatedTo())) {
      throw refused(file, "only an overdue case escalates, once per level");
    }
    return new Next(file, file.state())
        .clock(new Clock(c.stage(), c.startedAt(), c.dueAt(), c.nearDue(), true, command.level(), now));
  }

  /** Into a state whose stage clock starts now. */
  private Next moved(CaseFile file, CaseState to, Instant now) {
    Clock clock = to.stage()
        .map(stage -> Clock.started(stage, now, deadlines.dueAt(file.subject().category(), file.subject().urgency(), stage, now)))
        .orElse(Clock.NONE);
    return new Next(file, to).clock(clock);
  }

  /** The sign or handle stage ends now: on time if by its deadline, and on time overall only if every time was. */
  private static TallyBuilder ended(CaseFile file, Instant now, boolean signing) {
    Clock c = file.clock();
    boolean onTime = c.dueAt() == null || !now.isAfter(c.dueAt());
    Tally t = file.tally();
    TallyBuilder b = tally(file);
    return signing ? b.signed(t.signedOnTime() == null ? onTime : t.signedOnTime() && onTime)
        : b.handled(t.handledOnTime() == null ? onTime : t.handledOnTime() && onTime);
  }

  private static TallyBuilder tally(CaseFile file) {
    return new TallyBuilder(file.tally());
  }

  private static CaseRefused refused(CaseFile file, String message) {
    return new CaseRefused(message, file.state(), allowed(file));
  }

  private static Map<String, Object> detail(CaseCommand command, CaseFile after) {
    Map<String, Object> detail = new LinkedHashMap<>();
    switch (command.action()) {
      case DISPATCH -> detail.put("unit", command.unit());
      case VERIFY -> detail.put("passed", command.passed());
      case EXTEND -> detail.put("until", command.until().toString());
      case EXTENSION -> {
        detail.put("granted", command.granted());
        if (Boolean.TRUE.equals(command.granted())) {
          detail.put("until", after.clock().dueAt().toString());
        }
      }
      case SUPERVISE -> detail.put("level", command.level());
      case ESCALATE -> detail.put("to", command.level());
      default -> {
      }
    }
    return detail;
  }

  /** The next case being built: each action changes a few fields, and every step bumps the version. */
  private static final class Next {
    private final CaseState state;
    private String unit;
    private Clock clock;
    private String supervision;
    private ExtensionAsk ask;
    private CaseState parkedFrom;
    private String reportedBy;
    private Instant closedAt;
    private Tally tally;

    Next(CaseFile file, CaseState state) {
      this.state = state;
      this.unit = file.unit();
      this.clock = file.clock();
      this.supervision = file.supervision();
      this.ask = file.extensionAsked();
      this.parkedFrom = file.parkedFrom();
      this.reportedBy = file.reportedBy();
      this.closedAt = file.closedAt();
      this.tally = file.tally();
    }

    Next unit(String value) { unit = value; return this; }
    Next clock(Clock value) { clock = value; return this; }
    Next supervision(String value) { supervision = value; return this; }
    Next ask(ExtensionAsk value) { ask = value; return this; }
    Next parkedFrom(CaseState value) { parkedFrom = value; return this; }
    Next reportedBy(String value) { reportedBy = value; return this; }
    Next closedAt(Instant value) { closedAt = value; return this; }
    Next tally(TallyBuilder value) { tally = value.build(); return this; }
    Next overdue() { tally = new TallyBuilder(tally).overdue().build(); return this; }

    Step step(CaseFile file, CaseCommand command, Instant now) {
      int version = file.version() + 1;
      CaseFile after = new CaseFile(file.id(), file.subject(), state, unit, clock, supervision, ask, parkedFrom,
          reportedBy, closedAt, tally, version, now);
      return new Step(after, new CaseEvent(file.id(), version, command.action(), command.actor().ref(), now,
          file.state(), state, command.note(), detail(command, after)));
    }
  }

  private static final class TallyBuilder {
    private int urges;
    private int reworks;
    private int extensions;
    private int returns;
    private Boolean signed;
    private Boolean handled;
    private boolean everOverdue;

    TallyBuilder(Tally t) {
      urges = t.urges();
      reworks = t.reworks();
      extensions = t.extensions();
      returns = t.returns();
      signed = t.signedOnTime();
      handled = t.handledOnTime();
      everOverdue = t.everOverdue();
    }

    TallyBuilder urges(int n) { urges += n; return this; }
    TallyBuilder reworks(int n) { reworks += n; return this; }
    TallyBuilder extensions(int n) { extensions += n; return this; }
    TallyBuilder returns(int n) { returns += n; return this; }
    TallyBuilder signed(boolean v) { signed = v; return this; }
    TallyBuilder handled(boolean v) { handled = v; return this; }
    TallyBuilder overdue() { everOverdue = true; return this; }

    Tally build() {
      return new Tally(urges, reworks, extensions, returns, signed, handled, everOverdue);
    }
  }
}
