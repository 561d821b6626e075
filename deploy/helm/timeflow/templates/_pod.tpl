{{/*
The environment of a service's container: how Quarkus and Timeflow read their configuration
(QUARKUS_*, KAFKA_*, MP_JWT_*, TIMEFLOW_*). Secrets only through secretKeyRef.
Input: dict "root" $ "svc" $svc.
*/}}
{{- define "timeflow.chartEnv" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $v := $root.Values -}}
- name: QUARKUS_HTTP_HOST
  value: 0.0.0.0
- name: QUARKUS_HTTP_PORT
  value: "8080"
- name: QUARKUS_MANAGEMENT_HOST
  value: 0.0.0.0
- name: QUARKUS_MANAGEMENT_PORT
  value: {{ $svc.managementPort | quote }}
{{- if $v.tls.http.enabled }}
- name: QUARKUS_HTTP_SSL_PORT
  value: "8443"
- name: QUARKUS_HTTP_INSECURE_REQUESTS
  value: disabled
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: /etc/timeflow/tls/tls.crt
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: /etc/timeflow/tls/tls.key
- name: QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD
  value: {{ $v.tls.http.reloadPeriod | quote }}
{{- if $v.tls.http.management }}
- name: QUARKUS_MANAGEMENT_SSL_CERTIFICATE_FILES
  value: /etc/timeflow/tls/tls.crt
- name: QUARKUS_MANAGEMENT_SSL_CERTIFICATE_KEY_FILES
  value: /etc/timeflow/tls/tls.key
- name: QUARKUS_MANAGEMENT_SSL_CERTIFICATE_RELOAD_PERIOD
  value: {{ $v.tls.http.reloadPeriod | quote }}
{{- end }}
{{- end }}
- name: JAVA_OPTS
  value: {{ $svc.javaOptions | quote }}
- name: TIMEFLOW_AOT_CACHE
  value: {{ ternary "on" "off" $svc.aotCache | quote }}
{{- if eq $svc.kind "service" }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ include "timeflow.jdbcUrl" $root | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
{{- if $svc.database.usernameKey }}
  valueFrom:
    secretKeyRef:
      name: {{ (include "timeflow.databaseSecret" (dict "svc" $svc) | fromYaml).name }}
      key: {{ $svc.database.usernameKey }}
{{- else }}
  value: {{ $svc.database.username | quote }}
{{- end }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
{{ include "timeflow.databaseSecret" (dict "svc" $svc) | indent 6 }}
{{- end }}
{{- if $svc.secrets.encryptionKey }}
- name: TIMEFLOW_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
{{ include "timeflow.sharedSecretRef" (dict "root" $root "which" "encryptionKey") | indent 6 }}
{{- end }}
{{- if $svc.secrets.backupPassphrase }}
- name: TIMEFLOW_BACKUP_PASSPHRASE
  valueFrom:
    secretKeyRef:
{{ include "timeflow.sharedSecretRef" (dict "root" $root "which" "backupPassphrase") | indent 6 }}
{{- end }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $v.kafka.bootstrapServers | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $v.kafka.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $v.kafka.securityProtocol }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $v.kafka.sasl.mechanism | quote }}
{{- if not $svc.kafkaCredentials.sasl.existingSecret }}
{{- fail (printf "services.%s.kafkaCredentials.sasl.existingSecret is required with kafka.securityProtocol %s" $svc.key $v.kafka.securityProtocol) }}
{{- end }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $svc.kafkaCredentials.sasl.existingSecret }}
      key: {{ $svc.kafkaCredentials.sasl.key }}
{{- end }}
{{- if hasSuffix "SSL" $v.kafka.securityProtocol }}
{{- if $v.kafka.tls.caSecret.name }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/timeflow/kafka-ca/{{ $v.kafka.tls.caSecret.key }}
{{- end }}
- name: KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM
  value: {{ ternary "https" "" $v.kafka.tls.endpointIdentification | quote }}
{{- if $svc.kafkaCredentials.clientCertificate.existingSecret }}
- name: KAFKA_SSL_KEYSTORE_TYPE
  value: PKCS12
- name: KAFKA_SSL_KEYSTORE_LOCATION
  value: /etc/timeflow/kafka-client/{{ $svc.kafkaCredentials.clientCertificate.keystoreKey }}
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $svc.kafkaCredentials.clientCertificate.existingSecret }}
      key: {{ $svc.kafkaCredentials.clientCertificate.passwordKey }}
{{- end }}
{{- end }}
{{- range $k := keys $v.kafka.properties | sortAlpha }}
- name: {{ printf "KAFKA_%s" ($k | upper | replace "." "_" | replace "-" "_") }}
  value: {{ get $v.kafka.properties $k | toString | quote }}
{{- end }}
{{- if eq $svc.kind "service" }}
- name: TIMEFLOW_CONSUMER_GROUP
  value: {{ $svc.consumerGroup | quote }}
- name: TIMEFLOW_KAFKA_CREATE_TOPICS
  value: {{ $v.kafka.topics.create | quote }}
- name: TIMEFLOW_KAFKA_TOPIC_PARTITIONS
  value: {{ $v.kafka.topics.partitions | quote }}
- name: TIMEFLOW_KAFKA_TOPIC_REPLICATION_FACTOR
  value: {{ $v.kafka.topics.replicationFactor | quote }}
- name: MP_JWT_VERIFY_ISSUER
  value: {{ $v.auth.jwt.issuer | quote }}
- name: MP_JWT_VERIFY_AUDIENCES
  value: {{ $v.auth.jwt.audience | quote }}
- name: MP_JWT_VERIFY_PUBLICKEY_LOCATION
{{- if $v.auth.jwt.jwksUrl }}
  value: {{ $v.auth.jwt.jwksUrl | quote }}
{{- else }}
  value: /etc/timeflow/jwt/{{ $v.auth.jwt.publicKey.key }}
{{- end }}
{{- else }}
{{- /* the console: where each service's API is, for its prefix router and its credential check */}}
{{- range $other := include "timeflow.serviceKeys" $root | fromYamlArray }}
{{- $o := include "timeflow.service" (dict "root" $root "key" $other) | fromYaml }}
{{- if $o.enabled }}
- name: {{ printf "TIMEFLOW_%s_URL" (upper $other) }}
  value: {{ printf "%s://%s:%v" (ternary "https" "http" $v.tls.http.enabled) $o.resourceName $o.service.port | quote }}
{{- end }}
{{- end }}
{{- if $v.tls.http.enabled }}
- name: TIMEFLOW_CONSOLE_UPSTREAM_CA_FILE
  value: /etc/timeflow/tls/ca.crt
{{- end }}
{{- end }}
- name: QUARKUS_LOG_CONSOLE_JSON_ENABLED
  value: {{ $v.observability.jsonLogs | quote }}
{{- if and $v.observability.otlpEndpoint (eq $svc.kind "service") }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  value: {{ $v.observability.otlpEndpoint | quote }}
- name: QUARKUS_OTEL_TRACES_SAMPLER_ARG
  value: {{ $v.observability.tracesSamplerRatio | quote }}
{{- end }}
{{- end -}}

{{/* The chart's environment without the names the user sets in env, then the user's env. */}}
{{- define "timeflow.env" -}}
{{- $own := include "timeflow.chartEnv" . | fromYamlArray -}}
{{- $userNames := list -}}
{{- range .svc.env -}}
{{- $userNames = append $userNames .name -}}
{{- end -}}
{{- $all := list -}}
{{- range $own -}}
{{- if not (has .name $userNames) -}}
{{- $all = append $all . -}}
{{- end -}}
{{- end -}}
{{- range .svc.env -}}
{{- $all = append $all . -}}
{{- end -}}
{{- toYaml $all -}}
{{- end -}}

{{/* Volumes of a service's pod. */}}
{{- define "timeflow.volumes" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $v := $root.Values -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- if and (not $v.auth.jwt.jwksUrl) (eq $svc.kind "service") }}
- name: jwt
  configMap:
    name: {{ include "timeflow.jwtConfigMapName" $root }}
{{- end }}
{{- if $v.tls.http.enabled }}
{{- if not $v.tls.http.secretName }}
{{- fail "tls.http.secretName is required when tls.http.enabled is true" }}
{{- end }}
- name: tls
  secret:
    secretName: {{ $v.tls.http.secretName }}
{{- end }}
{{- if and (ne $v.postgresql.tls.mode "disable") $v.postgresql.tls.caSecret.name (eq $svc.kind "service") }}
- name: postgresql-ca
  secret:
    secretName: {{ $v.postgresql.tls.caSecret.name }}
    items:
      - key: {{ $v.postgresql.tls.caSecret.key }}
        path: {{ $v.postgresql.tls.caSecret.key }}
{{- end }}
{{- if and (hasSuffix "SSL" $v.kafka.securityProtocol) $v.kafka.tls.caSecret.name }}
- name: kafka-ca
  secret:
    secretName: {{ $v.kafka.tls.caSecret.name }}
    items:
      - key: {{ $v.kafka.tls.caSecret.key }}
        path: {{ $v.kafka.tls.caSecret.key }}
{{- end }}
{{- if and (hasSuffix "SSL" $v.kafka.securityProtocol) $svc.kafkaCredentials.clientCertificate.existingSecret }}
- name: kafka-client
  secret:
    secretName: {{ $svc.kafkaCredentials.clientCertificate.existingSecret }}
    items:
      - key: {{ $svc.kafkaCredentials.clientCertificate.keystoreKey }}
        path: {{ $svc.kafkaCredentials.clientCertificate.keystoreKey }}
{{- end }}
{{- if $svc.persistence.enabled }}
- name: data
  persistentVolumeClaim:
    claimName: {{ default (printf "%s-data" $svc.resourceName) $svc.persistence.existingClaim }}
{{- end }}
{{- with $svc.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "timeflow.volumeMounts" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $v := $root.Values -}}
- name: tmp
  mountPath: /tmp
{{- if and (not $v.auth.jwt.jwksUrl) (eq $svc.kind "service") }}
- name: jwt
  mountPath: /etc/timeflow/jwt
  readOnly: true
{{- end }}
{{- if $v.tls.http.enabled }}
- name: tls
  mountPath: /etc/timeflow/tls
  readOnly: true
{{- end }}
{{- if and (ne $v.postgresql.tls.mode "disable") $v.postgresql.tls.caSecret.name (eq $svc.kind "service") }}
- name: postgresql-ca
  mountPath: /etc/timeflow/postgresql-ca
  readOnly: true
{{- end }}
{{- if and (hasSuffix "SSL" $v.kafka.securityProtocol) $v.kafka.tls.caSecret.name }}
- name: kafka-ca
  mountPath: /etc/timeflow/kafka-ca
  readOnly: true
{{- end }}
{{- if and (hasSuffix "SSL" $v.kafka.securityProtocol) $svc.kafkaCredentials.clientCertificate.existingSecret }}
- name: kafka-client
  mountPath: /etc/timeflow/kafka-client
  readOnly: true
{{- end }}
{{- if $svc.persistence.enabled }}
- name: data
  mountPath: {{ $svc.persistence.mountPath }}
{{- end }}
{{- with $svc.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}
