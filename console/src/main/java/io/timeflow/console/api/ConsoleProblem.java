package io.timeflow.console.api;

import java.util.Locale;

/**
 * The problem codes of the console service's own answers (the services' answers pass through unchanged, with
 * theirs). {@code docs/problems/console.md} lists them; the console's {@code ConsoleProblemPageTest} keeps that page
 * equal to this enum.
 */
public enum ConsoleProblem {

    UNAUTHORIZED(401, "Unauthorized",
            "The change stream was asked for without a token or an API key (in `Authorization` or `X-API-Key`); sign "
                    + "in first."),
    NOT_FOUND(404, "Not Found",
            "No service of the suite serves the path, or the console service has no such resource."),
    SERVICE_UNAVAILABLE(502, "Bad Gateway",
            "The service of the suite that serves the path (or staging-service, which checks the change stream's "
                    + "credential) did not answer; try again once it is running."),
    TOO_MANY_STREAMS(503, "Service Unavailable",
            "This console replica holds as many change streams as it may (`timeflow.console.events.max-streams`); the web "
                    + "console then polls instead, and a program should too, or retry later.");

    private final int status;
    private final String title;
    private final String meaning;

    ConsoleProblem(int status, String title, String meaning) {
        this.status = status;
        this.title = title;
        this.meaning = meaning;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }

    /** The problem's {@code type}: {@code urn:timeflow:problem:} and the code in kebab case, as the services'. */
    public String type() {
        return "urn:timeflow:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The page of {@code docs/problems/console.md}. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("# Problem codes of the console service\n\n");
        md.append("The console service answers the API paths of the four services by passing their answers through, with ")
                .append("their codes (see their pages beside this one). Its own refusals are `application/problem+json` ")
                .append("bodies shaped the same way, with one of these codes.\n\n")
                .append("This page is generated from `ConsoleProblem` (`ConsoleProblemPageTest` fails when it differs; run ")
                .append("it with `-Dproblems.update=true` to rewrite it).\n\n")
                .append("| code | status | title | meaning |\n|---|---|---|---|\n");
        for (ConsoleProblem p : values()) {
            md.append("| `").append(p.name()).append("` | ").append(p.status).append(" | ").append(p.title)
                    .append(" | ").append(p.meaning.replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
