package io.watchfloor.domain;

/**
 * A named level of the tree of areas (区, 镇 / 街道, 村 / 社区). A level with a command centre has a
 * duty desk: alerts below it are owned there, and escalate from one such level to the next above.
 */
public record Level(String key, Label label, boolean commandCentre) {
}
