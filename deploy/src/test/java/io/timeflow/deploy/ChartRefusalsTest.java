package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings that would give a pod that cannot start are refused when the chart renders, with a
 * message that names the value to set (and never a secret's value).
 */
class ChartRefusalsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a service without database credentials | 'services: {snapshot: {database: {existingSecret: \"\"}}}'                         | services.snapshot.database: set existingSecret",
        "the encryption key unset                | 'secrets: {encryptionKey: {existingSecret: \"\"}}'                                 | secrets.encryptionKey: set existingSecret or value",
        "the backup passphrase unset             | 'secrets: {backupPassphrase: {existingSecret: \"\"}}'                              | secrets.backupPassphrase: set existingSecret or value",
        "SASL without credentials                | 'kafka: {securityProtocol: SASL_SSL}'                                              | kafkaCredentials.sasl.existingSecret is required",
        "HTTP TLS without a certificate          | 'tls: {http: {enabled: true}}'                                                     | tls.http.secretName is required",
        "Ingress TLS without a certificate       | 'ingress: {enabled: true, tls: {enabled: true}}'                                   | ingress.tls.secretName is required",
        "the bootstrap Job without administrator | 'postgresql: {bootstrap: {enabled: true}}'                                         | postgresql.bootstrap.adminSecret.name is required",
        "a service without an image              | 'services: {plugin: {image: {repository: \"\"}}}'                                  | services.plugin.image.repository is required",
    })
    void renderingRefuses(String what, String yaml, String message) {
        Path values = Chart.valuesFile("refused-" + what.replace(' ', '-'), yaml + "\n");
        assertThatThrownBy(() -> Chart.template(Chart.defaults(), values)).as(what).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a database password given inline | 'services: {staging: {database: {existingSecret: \"\", password: s3cr3t-db-value}}, kafka: {securityProtocol: SASL_SSL}}'",
        "the encryption key given inline  | 'secrets: {encryptionKey: {value: s3cr3t-key-value}}, tls: {http: {enabled: true}}'",
    })
    void aRefusalNeverQuotesASecretValue(String what, String yaml) {
        Path values = Chart.valuesFile("quiet-" + what.replace(' ', '-'), yaml + "\n");
        assertThatThrownBy(() -> Chart.template(Chart.defaults(), values)).as(what)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
