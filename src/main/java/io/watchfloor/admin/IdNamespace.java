package io.watchfloor.admin;

import io.watchfloor.domain.Catalogue;

import java.util.Optional;

/**
 * Usernames and unit ids are unique across the jurisdiction, so "this one is held" would tell a town's admin
 * what other towns hold. Instead each area owns the names that begin with its id and a dot
 * ({@code xudong.duty-2}): such a name must live in that area's subtree, and a town's admin may only make
 * names in its own subtree's namespaces. Whatever holds a name a town's admin may ask for is then in their own
 * scope, and a refused name of another's namespace is refused from the request alone, whether held or not.
 * Names without an area's prefix are the whole jurisdiction's admin's to give. Names made before this rule
 * are left as they are.
 */
final class IdNamespace {
  private IdNamespace() {
  }

  /** Why {@code id} may not be made by an admin of {@code actorScope} for {@code scope}, if it may not. */
  static Optional<String> problem(Catalogue catalogue, String actorScope, String id, String scope) {
    int dot = id.indexOf('.');
    String prefix = dot > 0 ? id.substring(0, dot) : null;
    boolean namespaced = prefix != null && catalogue.area(prefix).isPresent();
    String own = "must begin with '" + actorScope + ".' (your area) or with the id of an area within it and a dot";
    if (!namespaced) {
      return catalogue.root().id().equals(actorScope) ? Optional.empty() : Optional.of(own);
    }
    if (!catalogue.contains(actorScope, prefix)) {
      return Optional.of(own);
    }
    if (!catalogue.contains(prefix, scope)) {
      return Optional.of("begins with '" + prefix + ".', so its scope must be '" + prefix + "' or an area within it");
    }
    return Optional.empty();
  }
}
