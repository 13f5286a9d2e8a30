package io.watchfloor.domain;

/** How site values combine into an area or jurisdiction value. */
public enum Rollup {
  SUM, AVG, MAX
}
