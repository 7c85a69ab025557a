package io.switchboard.ingest.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict reading of webhook bodies: UTF-8 only, one JSON object and nothing after it, no repeated keys (which would
 * let two readers of the same bytes see different values), bounded nesting.
 */
public final class InboundJson {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private InboundJson() {
    }

    /** The body as text, byte for byte; 400 when it is not valid UTF-8. */
    public static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Rejection.badRequest("the body is not valid UTF-8");
        }
    }

    /** The body as a JSON object; 400 for anything else. */
    public static JsonNode object(byte[] body) {
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (IOException e) {
            throw Rejection.badRequest("the body is not a single well-formed JSON document");
        }
        if (json == null || !json.isObject()) {
            throw Rejection.badRequest("the body is not a JSON object");
        }
        return json;
    }
}
