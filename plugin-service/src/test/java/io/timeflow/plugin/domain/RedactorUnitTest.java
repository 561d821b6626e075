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
    void aLoggedDictionaryShowsValuesAsPythonsReprDoes_thoseFormsAreRedactedToo() throws Exception {
        Redactor redactor = new Redactor();
        redactor.collect(new ObjectMapper().readTree("""
                {"a": "back\\\\slash\\ttab", "b": "it's", "c": "both ' and \\"", "d": "bell\\u0007 nbsp\\u00a0 \\u00e9t\\u00e9"}"""),
                List.of("/a", "/b", "/c", "/d"));
        // how Python 3 prints {'a': ..., 'b': ..., 'c': ..., 'd': ...} for these values
        String logged = "{'a': 'back\\\\slash\\ttab', 'b': \"it's\", 'c': 'both \\' and \"', "
                + "'d': 'bell\\x07 nbsp\\xa0 \u00e9t\u00e9'}";
        assertThat(redactor.redact(logged)).isEqualTo("{'a': '[REDACTED]', 'b': \"[REDACTED]\", 'c': '[REDACTED]', "
                + "'d': '[REDACTED]'}");
    }

    @Test
    void pythonReprEscapesAsPythonDoes() {
        assertThat(Redactor.pythonRepr("a'b\"c\\d\ne\u0001", '\'')).isEqualTo("a\\'b\"c\\\\d\\ne\\x01");
        assertThat(Redactor.pythonRepr("a'b", '"')).isEqualTo("a'b");
        assertThat(Redactor.pythonRepr("\u2028x\u00e9", '\'')).isEqualTo("\\u2028x\u00e9");
    }

    @Test
    void withNothingSensitiveTheTextIsKept() {
        assertThat(new Redactor().redact("hello")).isEqualTo("hello");
    }
}
