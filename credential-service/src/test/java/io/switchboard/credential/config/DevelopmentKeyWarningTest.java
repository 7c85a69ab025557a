package io.switchboard.credential.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevelopmentKeyWarningTest {

    private static final Optional<String> DEV = Optional.of("Zy2dQ09g5935qfeiFCYr6YroWGPUllpcjfHhrw/hde0=");
    private static final String OWN = "amBjnz1XqhfZSHEn4vWPNT+7bxjh1kgycr1ONtGJfno=";

    @Test
    void warnsOutsideDevAndTestWhileAnyVersionIsTheDevelopmentKey() {
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", DEV.get()), DEV, List.of("prod")))
                .hasValueSatisfying(w -> assertThat(w).contains("version 1").contains("SWITCHBOARD_CREDENTIALS_KEK_KEYS_1"));
        // retired but still configured: records may still be wrapped by it
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", DEV.get(), "2", OWN), DEV, List.of("prod")))
                .hasValueSatisfying(w -> assertThat(w).contains("SWITCHBOARD_CREDENTIALS_KEK_KEYS_1"));
    }

    @Test
    void silentInDevAndTestAndWithOwnKeys() {
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", DEV.get()), DEV, List.of("dev"))).isEmpty();
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", DEV.get()), DEV, List.of("test"))).isEmpty();
        assertThat(DevelopmentKeyWarning.warning(Map.of("2", OWN), DEV, List.of("prod"))).isEmpty();
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", OWN), Optional.empty(), List.of("prod"))).isEmpty();
    }

    @Test
    void theWarningNamesNoKeyMaterial() {
        assertThat(DevelopmentKeyWarning.warning(Map.of("1", DEV.get()), DEV, List.of("prod")))
                .hasValueSatisfying(w -> assertThat(w).doesNotContain(DEV.get()));
    }
}
