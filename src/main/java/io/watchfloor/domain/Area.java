package io.watchfloor.domain;

import java.util.List;

/**
 * An area of the jurisdiction's tree: the district, a town or sub-district, a village or community.
 * {@code parent} is null for the root. The outline is schematic, in the map units of the parent's map,
 * and may be empty for the root, which is drawn by its children.
 */
public record Area(String id, String name, Label label, String parent, String level, List<double[]> outline) {
  public boolean isRoot() {
    return parent == null;
  }
}
