{{/*
The components, in the order of the local stack (LocalStack.java): route name -> Maven module. The gateway comes
last. Each has a values key of the same name (flows, runs, ..., gateway).
*/}}
{{- define "praetor.backends" -}}flows runs deployments artifacts events config{{- end }}
{{- define "praetor.components" -}}{{ include "praetor.backends" . }} gateway{{- end }}

{{- define "praetor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "praetor.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "praetor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of a component's resources: (dict "root" $ "name" "runs") -> <fullname>-runs */}}
{{- define "praetor.componentName" -}}
{{- printf "%s-%s" (include "praetor.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels shared by every resource of the release. */}}
{{- define "praetor.commonLabels" -}}
helm.sh/chart: {{ include "praetor.chart" . }}
app.kubernetes.io/name: {{ include "praetor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: praetor
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of a component: (dict "root" $ "name" "runs") */}}
{{- define "praetor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "praetor.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* All labels of a component's resources: (dict "root" $ "name" "runs" "c" $component) */}}
{{- define "praetor.labels" -}}
{{ include "praetor.commonLabels" .root }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/version: {{ include "praetor.imageTag" . | quote }}
{{- end }}

{{/*
A component's values merged over .Values.defaults, as YAML (use with fromYaml):
(dict "root" $ "name" "runs") -> the values of runs, every key missing there taken from defaults.
*/}}
{{- define "praetor.component" -}}
{{- $own := index .root.Values .name | default dict }}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) }}
{{- end }}

{{- define "praetor.imageTag" -}}
{{- .c.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end }}

{{/* (dict "root" $ "name" "runs" "c" $component) -> registry/repository:tag */}}
{{- define "praetor.image" -}}
{{- $repository := .c.image.repository }}
{{- with .root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- printf "%s:%s" $repository (include "praetor.imageTag" .) }}
{{- end }}

{{/* The base URL other components use to call a component: (dict "root" $ "name" "flows") */}}
{{- define "praetor.serviceUrl" -}}
{{- $c := index .root.Values .name }}
{{- printf "http://%s:%v" (include "praetor.componentName" .) $c.port }}
{{- end }}

{{/* Reactive and JDBC URLs of a database: (dict "root" $ "database" "praetor_runs" "jdbc" true) */}}
{{- define "praetor.databaseUrl" -}}
{{- $pg := .root.Values.postgresql }}
{{- $url := printf "postgresql://%s:%v/%s" $pg.host $pg.port .database }}
{{- if .jdbc }}{{ $url = printf "jdbc:%s" $url }}{{ end }}
{{- if $pg.params }}{{ $url = printf "%s?%s" $url (trimPrefix "?" $pg.params) }}{{ end }}
{{- $url }}
{{- end }}

{{- define "praetor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "praetor.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with the database password, and its key. */}}
{{- define "praetor.databaseSecretName" -}}
{{- .Values.postgresql.existingSecret | default (include "praetor.fullname" .) }}
{{- end }}
{{- define "praetor.databaseSecretKey" -}}
{{- if .Values.postgresql.existingSecret }}{{ .Values.postgresql.existingSecretPasswordKey }}{{ else }}database-password{{ end }}
{{- end }}

{{/* The Secret with the admin token and the basic auth string, and their keys. */}}
{{- define "praetor.authSecretName" -}}
{{- .Values.auth.existingSecret | default (include "praetor.fullname" .) }}
{{- end }}
{{- define "praetor.adminTokenKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretAdminTokenKey }}{{ else }}admin-token{{ end }}
{{- end }}
{{- define "praetor.basicAuthStringKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretBasicAuthStringKey }}{{ else }}basic-auth-string{{ end }}
{{- end }}

{{/*
A component's plain settings (its ConfigMap), as environment variables that Quarkus maps to properties:
(dict "root" $ "name" "runs" "c" $component)
*/}}
{{- define "praetor.configData" -}}
{{- $root := .root }}
{{- $c := .c }}
{{- $data := dict }}
{{- $_ := set $data "QUARKUS_HTTP_PORT" (toJson $c.port) }}
{{- $_ := set $data "QUARKUS_DATASOURCE_REACTIVE_URL" (include "praetor.databaseUrl" (dict "root" $root "database" $c.database "jdbc" false)) }}
{{- $_ := set $data "QUARKUS_DATASOURCE_JDBC_URL" (include "praetor.databaseUrl" (dict "root" $root "database" $c.database "jdbc" true)) }}
{{- $_ := set $data "QUARKUS_DATASOURCE_USERNAME" ($root.Values.postgresql.username | toString) }}
{{- $_ := set $data "QUARKUS_SHUTDOWN_TIMEOUT" ($c.shutdownTimeout | toString) }}
{{- $_ := set $data "JAVA_TOOL_OPTIONS" ($c.javaToolOptions | default $root.Values.javaToolOptions | toString) }}
{{- if eq .name "gateway" }}
{{- range $backend := splitList " " (include "praetor.backends" $root) }}
{{- $_ := set $data (printf "PRAETOR_GATEWAY_UPSTREAM_%s" (upper $backend)) (include "praetor.serviceUrl" (dict "root" $root "name" $backend)) }}
{{- end }}
{{- else }}
{{- $_ := set $data "KAFKA_BOOTSTRAP_SERVERS" ($root.Values.kafka.bootstrapServers | toString) }}
{{- $_ := set $data "PRAETOR_KAFKA_TOPICS_PARTITIONS" (toJson $root.Values.kafka.topicPartitions) }}
{{- range $backend := splitList " " (include "praetor.backends" $root) }}
{{- $_ := set $data (printf "PRAETOR_SERVICES_%s_URL" (upper $backend)) (include "praetor.serviceUrl" (dict "root" $root "name" $backend)) }}
{{- end }}
{{- end }}
{{- range $key, $value := $c.config }}
{{- /* toJson keeps 1048576 an integer where toString would give 1.048576e+06 */}}
{{- $_ := set $data $key (ternary $value (toJson $value) (kindIs "string" $value)) }}
{{- end }}
{{- toYaml $data }}
{{- end }}
