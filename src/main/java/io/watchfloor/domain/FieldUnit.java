package io.watchfloor.domain;

import java.util.Set;

/** A field unit and the sites it may post for. Only the SHA-256 of its token is kept. */
public record FieldUnit(String id, String name, Set<String> sites, String tokenSha256) {
}
