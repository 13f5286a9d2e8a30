package io.watchfloor.domain;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Who may do what: field units, operators and display keys, read from the access file. */
public record Access(List<FieldUnit> units, List<Operator> operators, List<DisplayKey> displayKeys) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public Optional<Operator> operator(String username) {
    return operators.stream().filter(o -> o.username().equals(username)).findFirst();
  }

  public static Access read(ConfigNode node, Catalogue catalogue) {
    List<FieldUnit> units = node.list("units", u -> unit(u, catalogue));
    List<Operator> operators = node.list("operators", o -> operator(o, catalogue));
    List<DisplayKey> keys = node.list("displayKeys",
        k -> new DisplayKey(k.text("id"), k.text("name"), sha256(k.required("keySha256")), scope(k, catalogue)));
    return new Access(units, operators, keys);
  }

  /** An area of the tree; the root (the whole jurisdiction) when not given. */
  private static String scope(ConfigNode node, Catalogue catalogue) {
    if (!node.has("scope")) {
      return catalogue.root().id();
    }
    ConfigNode scope = node.field("scope");
    return catalogue.area(scope.text()).map(Area::id).orElseThrow(() -> scope.error("unknown area '" + scope.text() + "'"));
  }

  private static FieldUnit unit(ConfigNode node, Catalogue catalogue) {
    String scope = scope(node, catalogue);
    Set<String> sites = new LinkedHashSet<>();
    if (node.has("sites")) {
      ConfigNode list = node.required("sites");
      for (String site : list.list(ConfigNode::text)) {
        if (catalogue.site(site).isEmpty()) {
          throw list.error("unknown site '" + site + "'");
        }
        if (!catalogue.containsSite(scope, site)) {
          throw list.error("site '" + site + "' is outside the unit's scope '" + scope + "'");
        }
        sites.add(site);
      }
    }
    if (node.has("siteKinds")) {
      ConfigNode list = node.required("siteKinds");
      for (String kind : list.list(ConfigNode::text)) {
        if (catalogue.siteKind(kind).isEmpty()) {
          throw list.error("unknown site kind '" + kind + "'");
        }
        catalogue.subtreeSites(scope).stream().filter(s -> s.kind().equals(kind)).forEach(s -> sites.add(s.id()));
      }
    }
    if (sites.isEmpty()) {
      throw node.error("a unit needs sites or siteKinds");
    }
    // in the order of the access file (its sites, then each kind's sites in catalogue order), for the field page
    return new FieldUnit(node.text("id"), node.text("name"), Collections.unmodifiableSet(sites),
        sha256(node.required("tokenSha256")));
  }

  private static Operator operator(ConfigNode node, Catalogue catalogue) {
    ConfigNode roleNode = node.required("role");
    Role role;
    try {
      role = Role.valueOf(roleNode.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw roleNode.error("must be viewer, officer or admin");
    }
    ConfigNode hash = node.required("passwordHash");
    if (!hash.text().startsWith("$pbkdf2$")) {
      throw hash.error("must be a $pbkdf2$ hash (see README: hashing a password)");
    }
    return new Operator(node.text("username"), node.text("name"), role, hash.text(), scope(node, catalogue));
  }

  private static String sha256(ConfigNode node) {
    String hex = node.text();
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw node.error("must be 64 lowercase hex digits (a SHA-256)");
    }
    return hex;
  }
}
