package io.switchboard.credential.service;

import io.switchboard.contracts.Vendor;
import java.util.Map;

/**
 * A checked create or update request.
 *
 * @param secrets secret fields sent in this request; a {@code null} value clears an optional secret, a field not
 *                present keeps its stored value (on update)
 */
public record ConnectionDraft(Vendor vendor, String displayName, Map<String, String> settings, Map<String, String> secrets) {
}
