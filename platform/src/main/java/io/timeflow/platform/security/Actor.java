package io.timeflow.platform.security;

/**
 * Who made a change: recorded with the change's event (as CloudEvents extension headers) and in the
 * resource's history.
 *
 * @param subject      the token subject or the API key's name
 * @param role         the most significant role the caller holds
 * @param credentialId the token id ({@code jti}) or API key id, when known
 */
public record Actor(String subject, String role, String credentialId) {

    public static final Actor SYSTEM = new Actor("system", "system", null);
}
