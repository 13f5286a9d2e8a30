package io.watchfloor.domain;

/** A text shown to people, Chinese first with an English fallback for the language switch. */
public record Label(String zh, String en) {
}
