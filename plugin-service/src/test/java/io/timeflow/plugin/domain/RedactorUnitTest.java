package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What migrations print is kept with sensitive values redacted, in the forms Python and JSON print them. */
class RedactorUnitTest {

    @Test
    void sensitiveValuesAreRedactedWhereverTheyAppear() throws Exception {
        Redactor redactor = new Redactor();
        redactor.collect(new ObjectMapper().readTree("{\"user\": \"scott\", \"password\": \"t1ger's \\\"pw\\\"\"}"),
                List.of("/password"));
        String printed = "DEBUG m: returning {'user': 'scott', 'password': 't1ger\\'s \"pw\"'}\n"
                + "json {\"password\": \"t1ger's \\\"pw\\\"\"} raw t1ger's \"pw\"";
        String redacted = redactor.redact(printed);
        assertThat(redacted).doesNotContain("t1ger").contains("scott").contains(Redactor.MARK);
    }

    @Test
    void nonStringSensitiveValuesAreRedactedToo() throws Exception {
        Redactor redactor = new Redactor();
        redactor.collect(new ObjectMapper().readTree("{\"pin\": 73519, \"creds\": {\"password\": \"abc123\"}}"),
                List.of("/pin", "/creds"));
        assertThat(redactor.redact("pin=73519 creds={'password': 'abc123'}")).doesNotContain("73519").doesNotContain("abc123");
    }

    @Test
    void withNothingSensitiveTheTextIsKept() {
        assertThat(new Redactor().redact("hello")).isEqualTo("hello");
    }
}
