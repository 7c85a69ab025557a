package io.switchboard.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The PSA/RMM products Switchboard connects to, with the lowercase name used in JSON, keys and sources. */
public enum Vendor {
    AUTOTASK("autotask"),
    CONNECTWISE_MANAGE("connectwise-manage"),
    CONNECTWISE_AUTOMATE("connectwise-automate");

    private final String wireName;

    Vendor(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Vendor fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(v -> v.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown vendor: " + wireName));
    }
}
