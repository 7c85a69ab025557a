package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written samples (what subscribing teams copy) must stay valid, and the records must read them. */
class SamplesTest {

    static List<Path> samples() {
        return ClasspathFiles.list("samples", ".json");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleIsValid(Path sample) throws IOException {
        JsonNode json = EventJson.mapper().readTree(Files.readAllBytes(sample));
        assertThat(EventSchemas.validate(json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void samplePayloadReadsIntoItsRecordWithoutLoss(Path sample) throws IOException {
        byte[] bytes = Files.readAllBytes(sample);
        CloudEvent event = CloudEventCodec.fromBytesValidated(bytes);
        Object payload = event.data(EventTypes.payloadClass(event.type()));
        // Writing the record back must give the same JSON: no field the record misses or renames. (Through bytes,
        // as on Kafka: valueToTree would make LongNodes where parsing makes IntNodes.)
        assertThat(EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(payload))).isEqualTo(event.data());
    }

    @Test
    void samplesCoverEveryEventType() throws IOException {
        List<String> types = samples().stream()
                .map(p -> {
                    try {
                        return EventJson.mapper().readTree(Files.readAllBytes(p)).path("type").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toList());
        assertThat(types).containsAll(EventTypes.all());
    }
}
