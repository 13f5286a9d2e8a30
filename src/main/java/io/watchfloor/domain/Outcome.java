package io.watchfloor.domain;

/** What the store made of one report. */
public enum Outcome {
  /** Newly committed. */
  ACCEPTED,
  /** The same id with the same body was committed before; nothing is counted again. */
  DUPLICATE,
  /** The same id was committed before with a different body. */
  CONFLICT
}
