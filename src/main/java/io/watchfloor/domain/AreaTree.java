package io.watchfloor.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tree of areas with every subtree worked out once: an area's figures are those of the sites
 * below it, so each read walks a ready list rather than the tree. Immutable; built from a checked
 * catalogue (one root, known parents, no cycle).
 */
final class AreaTree {
  private final Area root;
  private final Map<String, Area> areas;
  private final Map<String, Level> levels;
  private final Map<String, List<Area>> children = new HashMap<>();
  private final Map<String, List<Area>> subtreeAreas = new HashMap<>();
  private final Map<String, List<Site>> subtreeSites = new HashMap<>();
  private final Map<String, List<String>> pathFromRoot = new HashMap<>();

  AreaTree(Map<String, Area> areas, Map<String, Level> levels, Iterable<Site> sites) {
    this.areas = areas;
    this.levels = levels;
    Area top = null;
    for (Area area : areas.values()) {
      children.put(area.id(), new ArrayList<>());
      if (area.isRoot()) {
        top = area;
      }
    }
    this.root = top;
    for (Area area : areas.values()) {
      if (!area.isRoot()) {
        children.get(area.parent()).add(area);
      }
    }
    children.replaceAll((id, list) -> List.copyOf(list));
    for (Area area : areas.values()) {
      List<String> path = new ArrayList<>();
      for (Area a = area; a != null; a = a.parent() == null ? null : areas.get(a.parent())) {
        path.add(0, a.id());
      }
      pathFromRoot.put(area.id(), List.copyOf(path));
    }
    Map<String, List<Area>> below = new LinkedHashMap<>();
    Map<String, List<Site>> sitesBelow = new HashMap<>();
    areas.keySet().forEach(id -> {
      below.put(id, new ArrayList<>());
      sitesBelow.put(id, new ArrayList<>());
    });
    for (Area area : areas.values()) {
      for (String ancestor : pathFromRoot.get(area.id())) {
        below.get(ancestor).add(area);
      }
    }
    for (Site site : sites) {
      for (String ancestor : pathFromRoot.get(site.area())) {
        sitesBelow.get(ancestor).add(site);
      }
    }
    // itself first, then its descendants in catalogue order
    below.forEach((id, list) -> {
      list.sort((a, b) -> a.id().equals(id) ? -1 : b.id().equals(id) ? 1 : 0);
      subtreeAreas.put(id, List.copyOf(list));
    });
    sitesBelow.forEach((id, list) -> subtreeSites.put(id, List.copyOf(list)));
  }

  Area root() {
    return root;
  }

  List<Area> children(String areaId) {
    return children.getOrDefault(areaId, List.of());
  }

  List<Area> subtreeAreas(String areaId) {
    return subtreeAreas.getOrDefault(areaId, List.of());
  }

  List<Site> subtreeSites(String areaId) {
    return subtreeSites.getOrDefault(areaId, List.of());
  }

  /** Root first, the area itself last. */
  List<String> path(String areaId) {
    return pathFromRoot.getOrDefault(areaId, List.of());
  }

  boolean contains(String scope, String areaId) {
    List<String> path = pathFromRoot.get(areaId);
    return path != null && areas.containsKey(scope) && path.contains(scope);
  }

  Optional<Area> childToward(String scope, String areaId) {
    List<String> path = pathFromRoot.get(areaId);
    if (path == null) {
      return Optional.empty();
    }
    int at = path.indexOf(scope);
    return at < 0 || at == path.size() - 1 ? Optional.empty() : Optional.of(areas.get(path.get(at + 1)));
  }

  Optional<Area> desk(String areaId) {
    List<String> path = new ArrayList<>(path(areaId));
    Collections.reverse(path);
    return path.stream().map(areas::get).filter(this::hasCommandCentre).findFirst();
  }

  Optional<Area> escalationTarget(String areaId) {
    Optional<Area> desk = desk(areaId);
    if (desk.isEmpty() || desk.get().isRoot()) {
      return Optional.empty();
    }
    return desk(desk.get().parent());
  }

  private boolean hasCommandCentre(Area area) {
    Level level = levels.get(area.level());
    return level == null || level.commandCentre();
  }
}
