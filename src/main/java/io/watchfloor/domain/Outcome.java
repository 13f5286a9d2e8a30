package io.watchfloor.domain;

/** What the store made of one report. */
public enum Outcome {
  /** Newly committed. */
  ACCEPTED,
  /** The same id with the same body was committed before; nothing is counted again. */
  DUPLICATE,
  /** The same id was committed before with a different body. */
  CONFLICT,
  /** The database refused the report's content (a data error); resending it cannot help, and nothing was stored. */
  REFUSED
}
