package io.watchfloor.domain;

public record Site(String id, String name, Label label, String kind, String area, double[] position) {
}
