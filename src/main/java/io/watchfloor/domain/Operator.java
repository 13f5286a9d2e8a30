package io.watchfloor.domain;

/**
 * A person at a command centre. The password hash is a PHC string ($pbkdf2$it=…$salt$hash); the scope
 * is the area whose subtree the operator sees and acts on.
 */
public record Operator(String username, String name, Role role, String passwordHash, String scope) {
}
