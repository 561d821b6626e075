package io.timeflow.staging.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Seals a dSource's hooks (commands may hold credentials) for storage and opens them again. */
@ApplicationScoped
public class SealedHooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Hook>> HOOKS = new TypeReference<>() {
    };

    private final SecretCipher cipher;

    @Inject
    public SealedHooks(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(UUID dsourceId, List<Hook> hooks) {
        if (hooks == null || hooks.isEmpty()) {
            return null;
        }
        try {
            return cipher.seal(JSON.writeValueAsString(hooks), aad(dsourceId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Hook> open(UUID dsourceId, String sealed) {
        if (sealed == null) {
            return List.of();
        }
        try {
            return JSON.readValue(cipher.open(sealed, aad(dsourceId)), HOOKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hooks sealed again with the active key (a key rotation); hooks already under it are returned as they are. */
    public String reseal(UUID dsourceId, String sealed) {
        return sealed == null ? null : cipher.reseal(sealed, aad(dsourceId));
    }

    private static String aad(UUID dsourceId) {
        return "staging.dsource/" + dsourceId + "/hooks";
    }
}
