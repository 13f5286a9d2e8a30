package io.watchfloor.domain;

import java.util.List;

/** A village or community. The outline is schematic, in map units, drawn by the wall screen. */
public record Area(String id, String name, Label label, List<double[]> outline) {
}
