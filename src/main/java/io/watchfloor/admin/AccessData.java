package io.watchfloor.admin;

import java.util.List;

/** Everything the store says about who may do what, at one version: small enough to hold whole on every node. */
public record AccessData(List<UnitRecord> units, List<OperatorRecord> operators, List<DisplayKeyRecord> keys,
                         long version) {
  public AccessData {
    units = List.copyOf(units);
    operators = List.copyOf(operators);
    keys = List.copyOf(keys);
  }

  public static final AccessData EMPTY = new AccessData(List.of(), List.of(), List.of(), 0);

  public boolean isEmpty() {
    return units.isEmpty() && operators.isEmpty() && keys.isEmpty();
  }
}
