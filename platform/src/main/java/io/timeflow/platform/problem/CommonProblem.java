package io.timeflow.platform.problem;

/** The codes every service of the suite can answer, whatever the operation. */
public enum CommonProblem implements ProblemCode {

    VALIDATION_FAILED(400, "Request is not valid",
            "A field or parameter of the request is missing or not valid; `errors` names each offending field."),
    MALFORMED_REQUEST(400, "Request body is not readable",
            "The body is not well-formed JSON or not the documented shape; fix the request before sending it again."),
    BAD_REQUEST(400, "Bad Request", "The request was refused before it reached the operation; `detail` says why."),
    UNAUTHORIZED(401, "Authentication required",
            "No valid bearer token or API key came with the request; send one (the answer has `WWW-Authenticate`)."),
    FORBIDDEN(403, "Forbidden", "The caller's roles do not allow this operation; use a key or token with the role it needs."),
    NOT_FOUND(404, "Resource not found",
            "The resource named in the path does not exist (`context` names its kind and id), or no resource lives at the path."),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "The resource exists but does not support this HTTP method."),
    NOT_ACCEPTABLE(406, "Not Acceptable", "The service cannot answer in a media type the `Accept` header allows."),
    CONFLICT(409, "Conflict", "The request conflicts with the resource's current state; read it again and retry."),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", "The JSON body is larger than the service accepts; send less at once."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "Send the body as `application/json`."),
    TOO_MANY_REQUESTS(429, "Too many failed authentications",
            "Too many refused tokens or API keys came from this address; wait `context.retryAfterSeconds` (also the "
                    + "`Retry-After` header) before trying again."),
    CLIENT_ERROR(400, "Request refused", "Another refusal of the HTTP layer; the status and `detail` say which."),
    PLUGIN_UPGRADE_IN_PROGRESS(409, "Conflict with the current state",
            "The plugin this operation concerns is being upgraded; `context` names the plugin and the upgrade. Retry "
                    + "once the upgrade has ended."),
    MAINTENANCE_IN_PROGRESS(503, "Maintenance in progress",
            "The suite is restoring a backup (or in another maintenance): writes are refused until it ends, reads keep "
                    + "working. `context` names the operation, its id and since when; retry later."),
    INTERNAL_ERROR(500, "Internal error",
            "A fault of the service, not of the request; `context.reference` is found in the service's log.");

    private final Entry entry;

    CommonProblem(int status, String title, String meaning) {
        this.entry = new Entry(status, title, meaning);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
