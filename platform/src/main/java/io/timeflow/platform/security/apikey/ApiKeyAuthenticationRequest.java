package io.timeflow.platform.security.apikey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a caller (as {@code Authorization: Bearer tfk_...} or {@code X-API-Key}). */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=<redacted>]";
    }
}
