package io.switchboard.credential.validation;

/**
 * A permission the vendor's setup guide requires, as the permission catalogue names it.
 *
 * @param id    stable id shared with the vendor sandbox's permission sets
 * @param label the guide's own wording
 */
public record Requirement(String id, String label) {
}
