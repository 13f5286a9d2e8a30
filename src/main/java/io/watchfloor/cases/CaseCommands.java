package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.FieldError;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bodies of the case and task actions (docs/api.md, cases): which fields each takes, which it needs,
 * and the command it makes. An action that is not one of the caller's kind is not found.
 */
final class CaseCommands {
  static final Set<CaseAction> OFFICER = EnumSet.of(CaseAction.DISPATCH, CaseAction.VERIFY, CaseAction.EXTENSION,
      CaseAction.PARK, CaseAction.RESUME, CaseAction.CANCEL, CaseAction.SUPERVISE, CaseAction.URGE);
  static final Set<CaseAction> UNIT = EnumSet.of(CaseAction.ACCEPT, CaseAction.RETURN, CaseAction.REPORT,
      CaseAction.EXTEND);
  static final List<String> LEVELS = List.of("yellow", "red");

  private static final Map<CaseAction, Set<String>> FIELDS = Map.ofEntries(
      Map.entry(CaseAction.DISPATCH, Set.of("unit", "note")),
      Map.entry(CaseAction.VERIFY, Set.of("passed", "note")),
      Map.entry(CaseAction.EXTENSION, Set.of("granted", "until", "note")),
      Map.entry(CaseAction.PARK, Set.of("note")),
      Map.entry(CaseAction.RESUME, Set.of("note")),
      Map.entry(CaseAction.CANCEL, Set.of("note")),
      Map.entry(CaseAction.SUPERVISE, Set.of("level", "note")),
      Map.entry(CaseAction.URGE, Set.of("note")),
      Map.entry(CaseAction.ACCEPT, Set.of("note")),
      Map.entry(CaseAction.RETURN, Set.of("reason")),
      Map.entry(CaseAction.REPORT, Set.of("note")),
      Map.entry(CaseAction.EXTEND, Set.of("until", "reason")));

  private CaseCommands() {
  }

  /** The action of this name among those the caller's kind takes. */
  static Optional<CaseAction> action(String key, Set<CaseAction> ofKind) {
    return CaseAction.of(key).filter(ofKind::contains);
  }

  /** The command the body asks for, or a 422 naming every bad field. */
  static CaseCommand read(CaseAction action, Actor actor, JsonNode body, Instant now) {
    return read(action, actor, body, now, List.of());
  }

  /** {@code more}: errors found beside the body (the photos of a report), named with its own. */
  static CaseCommand read(CaseAction action, Actor actor, JsonNode body, Instant now, List<FieldError> more) {
    CaseInput in = CaseInput.of(body, FIELDS.get(action));
    more.forEach(e -> in.error(e.field(), e.message()));
    CaseCommand command = switch (action) {
      case DISPATCH -> CaseCommand.dispatch(actor, in.text("unit", true, CaseInput.NAME), note(in, false));
      case VERIFY -> {
        Boolean passed = in.bool("passed", true);
        yield CaseCommand.verify(actor, Boolean.TRUE.equals(passed), note(in, true));
      }
      case EXTENSION -> {
        Boolean granted = in.bool("granted", true);
        Instant until = in.time("until", false, now);
        if (Boolean.FALSE.equals(granted) && until != null) {
          in.error("until", "only a granted extension has a time");
        }
        yield CaseCommand.extension(actor, Boolean.TRUE.equals(granted), until, note(in, false));
      }
      case PARK, CANCEL -> CaseCommand.of(action, actor, note(in, true));
      case RESUME, URGE, ACCEPT -> CaseCommand.of(action, actor, note(in, false));
      case SUPERVISE -> CaseCommand.supervise(actor, in.oneOf("level", LEVELS, true), note(in, false));
      case RETURN -> CaseCommand.of(action, actor, in.text("reason", true, CaseInput.NOTE));
      case REPORT -> CaseCommand.of(action, actor, note(in, true));
      case EXTEND -> CaseCommand.extend(actor, in.time("until", true, now), in.text("reason", true, CaseInput.NOTE));
      default -> throw new IllegalArgumentException(action + " has no body of its own");
    };
    in.check();
    return command;
  }

  private static String note(CaseInput in, boolean required) {
    return in.text("note", required, CaseInput.NOTE);
  }
}
