{{/*
Names and labels.
*/}}
{{- define "timeflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "timeflow.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "timeflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "timeflow.labels" -}}
helm.sh/chart: {{ include "timeflow.chart" . }}
app.kubernetes.io/name: {{ include "timeflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: timeflow
{{- end -}}

{{/*
A service's settings: a deep copy of .Values.default with services.<key> merged over it, plus
  key          the map key (staging, snapshot, plugin, backup, console), also the service's schema
  component    e.g. staging-service, or console (container name, app.kubernetes.io/component)
  resourceName e.g. <release>-timeflow-staging
Usage: {{- $svc := include "timeflow.service" (dict "root" $ "key" "staging") | fromYaml }}
*/}}
{{- define "timeflow.service" -}}
{{- $root := .root -}}
{{- $svc := deepCopy $root.Values.default -}}
{{- include "timeflow.mergeInto" (dict "dst" $svc "src" (get $root.Values.services .key | default dict)) -}}
{{- $_ := set $svc "key" .key -}}
{{- $_ := set $svc "component" (ternary .key (printf "%s-service" .key) (eq $svc.kind "console")) -}}
{{- $_ := set $svc "resourceName" (printf "%s-%s" (include "timeflow.fullname" $root | trunc 54 | trimSuffix "-") .key) -}}
{{- if not $svc.database.username -}}
{{- $_ := set $svc.database "username" (printf "timeflow_%s" .key) -}}
{{- end -}}
{{- if not $svc.consumerGroup -}}
{{- $_ := set $svc "consumerGroup" (printf "%s-service" .key) -}}
{{- end -}}
{{- toYaml $svc -}}
{{- end -}}

{{/*
Merges .src into .dst in place: maps merge key by key, anything else (lists, false, 0, "")
replaces. Unlike sprig's mergeOverwrite, a false or empty value in services.<name> does override
the default.
*/}}
{{- define "timeflow.mergeInto" -}}
{{- $dst := .dst -}}
{{- range $k, $v := .src -}}
{{- if and (kindIs "map" $v) (kindIs "map" (get $dst $k)) -}}
{{- include "timeflow.mergeInto" (dict "dst" (get $dst $k) "src" $v) -}}
{{- else -}}
{{- $_ := set $dst $k $v -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The service keys in a fixed order: the four services, each with its database role and schema. */}}
{{- define "timeflow.serviceKeys" -}}
{{- toYaml (list "staging" "snapshot" "plugin" "backup") -}}
{{- end -}}

{{/* Every component the chart deploys: the four services and the web console (kind console: no database). */}}
{{- define "timeflow.componentKeys" -}}
{{- toYaml (list "staging" "snapshot" "plugin" "backup" "console") -}}
{{- end -}}

{{- define "timeflow.componentLabels" -}}
{{ include "timeflow.labels" .root }}
app.kubernetes.io/component: {{ .svc.component }}
{{- end -}}

{{- define "timeflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "timeflow.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .svc.component }}
{{- end -}}

{{- define "timeflow.serviceAccountName" -}}
{{- if .svc.serviceAccount.create -}}
{{- .svc.resourceName -}}
{{- else -}}
{{- default "default" .svc.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "timeflow.image" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- if not $svc.image.repository -}}
{{- fail (printf "services.%s.image.repository is required" $svc.key) -}}
{{- end -}}
{{- $repo := $svc.image.repository -}}
{{- if $root.Values.image.registry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" $root.Values.image.registry) $repo -}}
{{- end -}}
{{- if $svc.image.digest -}}
{{- printf "%s@%s" $repo $svc.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (default (default $root.Chart.AppVersion $root.Values.image.tag) $svc.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
Names of the Secrets and ConfigMaps the chart renders itself (from values given inline).
*/}}
{{- define "timeflow.sharedSecretName" -}}
{{- printf "%s-shared" (include "timeflow.fullname" .) -}}
{{- end -}}

{{- define "timeflow.jwtConfigMapName" -}}
{{- if .Values.auth.jwt.publicKey.value -}}
{{- printf "%s-jwt" (include "timeflow.fullname" .) -}}
{{- else -}}
{{- .Values.auth.jwt.publicKey.existingConfigMap -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding a service's database password: {name, key}. */}}
{{- define "timeflow.databaseSecret" -}}
{{- $svc := .svc -}}
{{- if $svc.database.password -}}
name: {{ printf "%s-db" $svc.resourceName }}
key: password
{{- else if $svc.database.existingSecret -}}
name: {{ $svc.database.existingSecret }}
key: {{ $svc.database.passwordKey }}
{{- else -}}
{{- fail (printf "services.%s.database: set existingSecret (a Secret with the password of role %s) or password" $svc.key $svc.database.username) -}}
{{- end -}}
{{- end -}}

{{/* A shared secret: {name, key} for encryptionKey or backupPassphrase. */}}
{{- define "timeflow.sharedSecretRef" -}}
{{- $s := get .root.Values.secrets .which -}}
{{- if $s.value -}}
name: {{ include "timeflow.sharedSecretName" .root }}
key: {{ .which }}
{{- else if $s.existingSecret -}}
name: {{ $s.existingSecret }}
key: {{ $s.key }}
{{- else -}}
{{- fail (printf "secrets.%s: set existingSecret or value" .which) -}}
{{- end -}}
{{- end -}}

{{- define "timeflow.jdbcUrl" -}}
{{- $pg := .Values.postgresql -}}
{{- $params := dict -}}
{{- if ne $pg.tls.mode "disable" -}}
{{- $_ := set $params "sslmode" $pg.tls.mode -}}
{{- if $pg.tls.caSecret.name -}}
{{- $_ := set $params "sslrootcert" (printf "/etc/timeflow/postgresql-ca/%s" $pg.tls.caSecret.key) -}}
{{- end -}}
{{- else -}}
{{- $_ := set $params "sslmode" "disable" -}}
{{- end -}}
{{- range $k, $v := $pg.jdbcParameters -}}
{{- $_ := set $params $k (toString $v) -}}
{{- end -}}
{{- $pairs := list -}}
{{- range $k := keys $params | sortAlpha -}}
{{- $pairs = append $pairs (printf "%s=%s" $k (get $params $k)) -}}
{{- end -}}
{{- printf "jdbc:postgresql://%s:%v/%s?%s" $pg.host $pg.port $pg.database (join "&" $pairs) -}}
{{- end -}}

{{/* Scheme of the management port (probes, ServiceMonitor). */}}
{{- define "timeflow.managementScheme" -}}
{{- if and .Values.tls.http.enabled .Values.tls.http.management -}}HTTPS{{- else -}}HTTP{{- end -}}
{{- end -}}

{{/* Name of the API port of the container and the Service. */}}
{{- define "timeflow.apiPortName" -}}
{{- if .Values.tls.http.enabled -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{/* Whether the chart renders the shared Secret (a value given inline). */}}
{{- define "timeflow.rendersSharedSecret" -}}
{{- if or .Values.secrets.encryptionKey.value .Values.secrets.backupPassphrase.value -}}true{{- end -}}
{{- end -}}

{{/* Annotations that make chart-rendered Secrets exist before the database bootstrap hook. */}}
{{- define "timeflow.preInstallSecretAnnotations" -}}
{{- if .Values.postgresql.bootstrap.enabled -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: "-10"
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}
{{- end -}}
