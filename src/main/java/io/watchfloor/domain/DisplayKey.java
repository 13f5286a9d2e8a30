package io.watchfloor.domain;

/** A read-only key for an unattended wall screen. Only its SHA-256 is kept. */
public record DisplayKey(String id, String name, String keySha256) {
}
