package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("input rules")
class InputRulesTest {

    @Test
    @DisplayName("UTF-8 length counts 1 to 4 bytes per character, like the JDK's encoder")
    void utf8Length() {
        String text = "aé東😀\u007f\u0080\u07ff\u0800\uffff";
        assertThat(InputRules.utf8Length("t", text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(InputRules.utf8Length("t", null)).isZero();
    }

    @Test
    @DisplayName("U+0000 and unpaired surrogates are rejected with the field and the index")
    void unstorableCharacters() {
        assertThatThrownBy(() -> InputRules.utf8Length("content", "ab\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content contains U+0000 at index 2, which cannot be stored");
        assertThatThrownBy(() -> InputRules.utf8Length("content", "x\uD83D"))
                .hasMessage("content contains an unpaired surrogate at index 1, which has no UTF-8 encoding");
        assertThatThrownBy(() -> InputRules.utf8Length("content", "\uDE00"))
                .hasMessageContaining("index 0");
    }

    @Test
    @DisplayName("names must be present, not blank and short enough")
    void names() {
        assertThatThrownBy(() -> InputRules.requireName("appName", null)).hasMessage("appName must not be null");
        assertThatThrownBy(() -> InputRules.requireName("appName", " ")).hasMessage("appName must not be blank");
        assertThatThrownBy(() -> InputRules.requireName("appName", "x".repeat(256)))
                .hasMessage("appName must be at most 255 characters, was 256");
        assertThat(InputRules.optionalName("branch", null)).isNull();
        assertThat(InputRules.optionalName("branch", "")).isEmpty();
    }
}
