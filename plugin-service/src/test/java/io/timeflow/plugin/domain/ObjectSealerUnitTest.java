package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.platform.crypto.SecretCipher;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sensitive values are encrypted at rest, bound to their plugin, object and field. */
class ObjectSealerUnitTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final ObjectSealer sealer = new ObjectSealer(new SecretCipher(Optional.of(SecretCipher.newEncodedKey())));

    @Test
    void sealedValuesHoldNoPlaintextAndOpenBackToTheSameJson() throws Exception {
        UUID id = UUID.randomUUID();
        JsonNode plain = JSON.readTree("{\"user\": \"scott\", \"password\": \"t1ger\", \"key\": {\"k\": [1, 2]}}");
        JsonNode sealed = sealer.seal("p", id, plain, List.of("/password", "/key"));
        assertThat(sealed.toString()).doesNotContain("t1ger").contains("scott").contains(SecretCipher.PREFIX);
        assertThat(sealed.path("key").isTextual()).isTrue();
        assertThat(sealer.open("p", id, sealed, List.of("/password", "/key"))).isEqualTo(plain);
        assertThat(plain.path("password").asText()).isEqualTo("t1ger");
    }

    @Test
    void aSealedValueCannotBeMovedToAnotherObjectOrField() throws Exception {
        UUID id = UUID.randomUUID();
        JsonNode sealed = sealer.seal("p", id, JSON.readTree("{\"password\": \"t1ger\", \"other\": \"x\"}"),
                List.of("/password"));
        assertThatThrownBy(() -> sealer.open("p", UUID.randomUUID(), sealed, List.of("/password")))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("t1ger");
        JsonNode moved = JSON.readTree("{\"other\": " + sealed.path("password") + "}");
        assertThatThrownBy(() -> sealer.open("p", id, moved, List.of("/other"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hidingRemovesSensitiveValuesForDisplay() throws Exception {
        JsonNode data = JSON.readTree("{\"user\": \"scott\", \"password\": \"x\", \"list\": [\"a\", \"b\"]}");
        assertThat(ObjectSealer.hide(data, List.of("/password", "/list/0")).toString())
                .isEqualTo("{\"user\":\"scott\",\"list\":[null,\"b\"]}");
    }
}
