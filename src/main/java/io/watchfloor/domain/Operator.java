package io.watchfloor.domain;

/** A person at the command centre. The password hash is a PHC string ($pbkdf2$it=…$salt$hash). */
public record Operator(String username, String name, Role role, String passwordHash) {
}
