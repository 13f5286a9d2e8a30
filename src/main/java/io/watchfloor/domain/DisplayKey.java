package io.watchfloor.domain;

/** A read-only key for an unattended wall screen showing its scope's subtree. Only its SHA-256 is kept. */
public record DisplayKey(String id, String name, String keySha256, String scope) {
}
