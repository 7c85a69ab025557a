package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(20261123);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertThat(EventTimes.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge : new Instant[]{Instant.EPOCH, Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
                Instant.ofEpochSecond(253_402_300_800L), Instant.ofEpochSecond(-1), Instant.MIN, Instant.MAX}) {
            assertThat(EventTimes.format(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void readsWhatInstantParseReads() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L), random.nextInt(1_000_000_000));
            String text = instant.toString();
            // also every shorter fraction the vendors send (.0 to .000000000)
            int dot = text.indexOf('.');
            if (dot > 0 && i % 2 == 0) {
                text = text.substring(0, Math.min(text.length() - 1, dot + 1 + i % 9 + 1)) + "Z";
            }
            assertThat(EventTimes.parse(text)).isEqualTo(Instant.parse(text));
        }
        for (String edge : new String[]{"2026-11-23T24:00:00Z", "2016-12-31T23:59:60Z", "1969-12-31T23:59:59Z",
                "+12026-01-01T00:00:00Z", "2026-11-23T10:00:00+02:00", "2024-02-29T00:00:00Z", "2026-11-23T10:00:00.Z"}) {
            assertThat(EventTimes.parse(edge)).isEqualTo(Instant.parse(edge));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String bad : new String[]{"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                "2026-11-23T10:00:00", "2026-11-23T10:00:00.1234567890Z", "2026-11-23T1a:00:00Z",
                "2026-11-23 10:00:00Z", "２０２６-11-23T10:00:00Z", "2026-11-23T10:61:00Z"}) {
            assertThatThrownBy(() -> Instant.parse(bad)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> EventTimes.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void eventJsonWritesInstantsAsTheirIsoText() throws Exception {
        Instant instant = Instant.parse("2026-11-23T10:00:00.120Z");
        assertThat(EventJson.mapper().writeValueAsString(instant)).isEqualTo("\"2026-11-23T10:00:00.120Z\"");
        assertThat(EventJson.mapper().readValue("\"2026-11-23T10:00:00.120Z\"", Instant.class)).isEqualTo(instant);
    }
}
