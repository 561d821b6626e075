package io.timeflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's metrics as an operator's Prometheus reads them: the text scrape of the management interface's
 * {@code /q/metrics}. Tests compare a value before and after what they do ({@link #since}), never a total: other
 * tests of the same process move the same counters.
 */
public final class MetricsScrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** The scrape now; {@code metrics} is the management interface's {@code /q/metrics}. */
    public static MetricsScrape of(URL metrics) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(metrics.toString())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(metrics + " answered " + answer.statusCode());
            }
            return parse(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a scrape in the Prometheus text format. */
    public static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new MetricsScrape(samples);
    }

    /** Only the samples with this label (e.g. {@code only("kind", "snapsync")} for one kind of job). */
    public MetricsScrape only(String label, String value) {
        return new MetricsScrape(samples.stream().filter(s -> value.equals(s.labels().get(label))).toList());
    }

    /** The sum of the samples of {@code name} that carry these labels (name, value pairs); 0 when there is none yet. */
    public double value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come as name, value pairs");
        }
        double sum = 0;
        for (Sample s : samples) {
            boolean matches = s.name().equals(name);
            for (int i = 0; matches && i < labels.length; i += 2) {
                matches = labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (matches) {
                sum += s.value();
            }
        }
        return sum;
    }

    /** How much {@code name} (with these labels) grew since {@code before}. */
    public double since(MetricsScrape before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }
}
