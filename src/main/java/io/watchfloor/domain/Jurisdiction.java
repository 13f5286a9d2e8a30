package io.watchfloor.domain;

import java.time.ZoneId;

public record Jurisdiction(String id, String name, Label label, ZoneId timezone) {
}
