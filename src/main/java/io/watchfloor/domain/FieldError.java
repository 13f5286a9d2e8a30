package io.watchfloor.domain;

public record FieldError(String field, String message) {
}
