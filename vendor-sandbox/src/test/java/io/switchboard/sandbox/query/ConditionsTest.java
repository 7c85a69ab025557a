package io.switchboard.sandbox.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sandbox.data.Json;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private final JsonNode ticket = Json.parse("""
            {"id":7,"summary":"Some Summary test","closedFlag":false,"contact":{"name":"Fred Smith"},
             "dateEntered":"2016-01-02T00:00:00Z","budget":-1.5,"owner":null,
             "_info":{"lastUpdated":"2024-02-01T00:00:00Z"}}""");

    private boolean manage(String c) {
        return Conditions.parse(c, '/', p -> p.length == 1 && p[0].equals("lastUpdated")
                ? new String[] {"_info", "lastUpdated"} : p).test(ticket);
    }

    @Test
    void evaluatesTheDocumentedExample() {
        assertTrue(manage("(contact/name like \"Fred%\" and closedFlag = false) and dateEntered > [2015-12-23T05:53:27Z] "
                + "or summary contains \"test\" AND summary != \"Some Summary\""));
    }

    @Test
    void supportsEveryOperatorAndLiteral() {
        assertTrue(manage("id in (1, 7, 9) and id >= 7 and id <= 7 and id < 8 and id > 6"));
        assertTrue(manage("id not in (1,2) and summary not like 'x%' and summary not contains 'zzz'"));
        assertTrue(manage("owner = null and budget = -1.5 and closedFlag != true"));
        assertTrue(manage("lastUpdated > [2024-01-01T00:00:00Z]"));
        assertFalse(manage("lastUpdated > [2025-01-01T00:00:00Z] or (id = 8)"));
    }

    @Test
    void automateUsesDotsEqAndBareDates() {
        JsonNode pc = Json.parse("{\"Client\":{\"Id\":12},\"RemoteAgentLastContact\":\"2019-12-01T00:00:00Z\"}");
        assertTrue(Conditions.parse("Client.Id eq 12 and RemoteAgentLastContact <= 2019-12-18T00:50:19.575Z", '.', p -> p).test(pc));
    }

    @Test
    void rejectsUnquotedStringsWithTheLiteralRules() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manage("summary = hello"));
        assertTrue(e.getMessage().contains("Strings must be quoted"), e.getMessage());
        assertEquals("Invalid condition at position 0: expected a field name", 
                assertThrows(IllegalArgumentException.class, () -> manage("= 1")).getMessage().split("\\. Strings")[0]);
    }
}
