package io.watchfloor.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the configured areas form one tree: one root (the jurisdiction), known parents, no
 * cycle, known levels, each child a level below its parent. Every error names the file and the field.
 */
final class TreeCheck {
  private TreeCheck() {
  }

  static void check(ConfigNode town, Jurisdiction jurisdiction, List<Level> levels, List<Area> areas) {
    List<ConfigNode> nodes = town.required("areas").list(n -> n);
    Map<String, Integer> depth = new HashMap<>();
    for (int i = 0; i < levels.size(); i++) {
      depth.put(levels.get(i).key(), i);
    }
    Map<String, Area> byId = new HashMap<>();
    areas.forEach(a -> byId.put(a.id(), a));
    String root = null;
    for (int i = 0; i < areas.size(); i++) {
      Area area = areas.get(i);
      ConfigNode node = nodes.get(i);
      if (!depth.containsKey(area.level())) {
        throw node.field("level").error("unknown level '" + area.level() + "'");
      }
      if (area.isRoot()) {
        if (root != null) {
          throw node.field("parent").error("missing, but '" + root + "' is already the root; a jurisdiction has one");
        }
        root = area.id();
      } else if (!byId.containsKey(area.parent())) {
        throw node.field("parent").error("unknown area '" + area.parent() + "'");
      }
    }
    if (root == null) {
      throw town.required("areas").error("needs a root: one area without a parent, the jurisdiction itself");
    }
    if (!root.equals(jurisdiction.id())) {
      throw town.required("jurisdiction").field("id")
          .error("must be the root area's id '" + root + "', the area the jurisdiction is");
    }
    for (int i = 0; i < areas.size(); i++) {
      Area area = areas.get(i);
      Set<String> seen = new HashSet<>();
      for (Area a = area; a != null && !a.isRoot(); a = byId.get(a.parent())) {
        if (!seen.add(a.id())) {
          throw nodes.get(i).field("parent").error("'" + area.parent() + "' makes a cycle: the area would be its own ancestor");
        }
      }
      if (!area.isRoot() && depth.get(area.level()) <= depth.get(byId.get(area.parent()).level())) {
        throw nodes.get(i).field("level").error("'" + area.level() + "' is not below its parent's level '"
            + byId.get(area.parent()).level() + "'");
      }
    }
  }
}
