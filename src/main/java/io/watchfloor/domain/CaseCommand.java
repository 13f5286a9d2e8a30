package io.watchfloor.domain;

import io.watchfloor.domain.CaseAction.Actor;

import java.time.Instant;

/**
 * One action asked of a case, its fields already checked for shape by the caller (the API names each bad
 * field on a 422); {@link CaseMachine} checks it against the case. Fields an action does not use are null.
 *
 * @param unit   dispatch: the unit it goes to
 * @param passed verify: whether the result passed
 * @param until  extend: the time asked for; extension: the time granted (null: the time asked)
 * @param granted extension: whether more time is granted
 * @param level  supervise: "yellow" or "red"; escalate: the command centre's area it is taken to
 */
public record CaseCommand(CaseAction action, Actor actor, String note, String unit, Boolean passed, Instant until,
                          Boolean granted, String level) {

  public static CaseCommand of(CaseAction action, Actor actor, String note) {
    return new CaseCommand(action, actor, note, null, null, null, null, null);
  }

  public static CaseCommand dispatch(Actor officer, String unit, String note) {
    return new CaseCommand(CaseAction.DISPATCH, officer, note, unit, null, null, null, null);
  }

  public static CaseCommand verify(Actor officer, boolean passed, String note) {
    return new CaseCommand(CaseAction.VERIFY, officer, note, null, passed, null, null, null);
  }

  public static CaseCommand extend(Actor unit, Instant until, String reason) {
    return new CaseCommand(CaseAction.EXTEND, unit, reason, null, null, until, null, null);
  }

  public static CaseCommand extension(Actor officer, boolean granted, Instant until, String note) {
    return new CaseCommand(CaseAction.EXTENSION, officer, note, null, null, until, granted, null);
  }

  public static CaseCommand supervise(Actor officer, String level, String note) {
    return new CaseCommand(CaseAction.SUPERVISE, officer, note, null, null, null, null, level);
  }

  public static CaseCommand escalate(String toArea) {
    return new CaseCommand(CaseAction.ESCALATE, Actor.SYSTEM, null, null, null, null, null, toArea);
  }
}
