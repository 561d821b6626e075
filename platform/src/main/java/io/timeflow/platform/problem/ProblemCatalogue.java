package io.timeflow.platform.problem;

import io.timeflow.platform.jobs.JobCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's problem codes as its users read them: the common codes, then the service's own. The OpenAPI
 * document carries them as {@code x-problem-codes} on the {@code Problem} schema ({@link #extension()}); the
 * page under {@code docs/problems/} is {@link #markdown()}, and each service's test keeps that page equal to it.
 *
 * The page also lists the codes the service's jobs carry in their results ({@link JobCode}): errors, warnings and
 * report lines, which are no answer to a request.
 *
 * @param service  the service's name, e.g. {@code staging-service}
 * @param codes    every code the service can answer, each once
 * @param jobCodes every code its jobs' results can carry, each once
 */
public record ProblemCatalogue(String service, List<ProblemCode> codes, List<JobCode> jobCodes) {

    public ProblemCatalogue {
        codes = List.copyOf(codes);
        jobCodes = List.copyOf(jobCodes);
        Set<String> seen = new HashSet<>();
        for (ProblemCode code : codes) {
            if (!seen.add(code.code())) {
                throw new IllegalArgumentException(service + " lists problem code " + code.code() + " twice");
            }
        }
        Set<String> seenJobCodes = new HashSet<>();
        for (JobCode code : jobCodes) {
            if (!seenJobCodes.add(code.name())) {
                throw new IllegalArgumentException(service + " lists job code " + code.name() + " twice");
            }
        }
    }

    public ProblemCatalogue(String service, List<ProblemCode> codes) {
        this(service, codes, List.of());
    }

    /** This catalogue with the codes of the service's jobs' results, in the order given. */
    public ProblemCatalogue withJobCodes(JobCode[]... groups) {
        List<JobCode> all = new ArrayList<>(jobCodes);
        for (JobCode[] group : groups) {
            all.addAll(List.of(group));
        }
        return new ProblemCatalogue(service, codes, all);
    }

    /** The common codes followed by {@code own}, in declaration order. */
    public static ProblemCatalogue of(String service, ProblemCode[] own) {
        return new ProblemCatalogue(service, ProblemCode.catalogue(own));
    }

    /** The value of {@code x-problem-codes}: code, status, title and meaning of each. */
    public List<Map<String, Object>> extension() {
        return codes.stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", c.code());
            entry.put("status", c.status());
            entry.put("title", c.title());
            entry.put("description", c.meaning());
            return entry;
        }).toList();
    }

    /** The page of {@code docs/problems/<service>.md}. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Problem codes of ").append(service).append("\n\n");
        md.append("Every refusal of ").append(service).append(" is an `application/problem+json` body whose `code` is one of ")
                .append("these; the `type` is `urn:timeflow:problem:` and the code in kebab case. Programs decide on the ")
                .append("code, people read `title` and `detail`. The same list is in the service's OpenAPI document, as ")
                .append("`x-problem-codes` of the `Problem` schema. A later version may add codes: treat an unknown one by ")
                .append("its status.\n\n");
        md.append("This page is generated from the service's catalogue (`ProblemCatalogueTest` fails when it differs; ")
                .append("run it with `-Dproblems.update=true` to rewrite it).\n\n");
        md.append("| code | status | title | meaning |\n|---|---|---|---|\n");
        for (ProblemCode c : codes) {
            md.append("| `").append(c.code()).append("` | ").append(c.status()).append(" | ").append(cell(c.title()))
                    .append(" | ").append(cell(c.meaning())).append(" |\n");
        }
        if (!jobCodes.isEmpty()) {
            md.append("\n## Codes in jobs' results\n\n");
            md.append("What a job, a report or a provisioning says of itself in its body and its events (the code of its ")
                    .append("failure, of a warning, of a report line), never the answer to a request. A later version may add ")
                    .append("codes: treat an unknown one as the failure or warning it comes with.\n\n");
            md.append("| code | meaning |\n|---|---|\n");
            for (JobCode c : jobCodes) {
                md.append("| `").append(c.name()).append("` | ").append(cell(c.meaning())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
