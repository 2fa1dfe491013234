{{/*
Context passed to the per-service helpers: (dict "root" $ "name" <service> "svc" <merged settings> "component" <c>)
*/}}

{{/* Deep merge of (list dst src) into dst. Unlike sprig's mergeOverwrite, false, 0 and "" in src do override. */}}
{{- define "tpx.deepMerge" -}}
{{- $dst := index . 0 -}}
{{- range $key, $value := index . 1 -}}
{{- if and (kindIs "map" $value) (kindIs "map" (index $dst $key)) -}}
{{- include "tpx.deepMerge" (list (index $dst $key) $value) -}}
{{- else -}}
{{- $_ := set $dst $key (deepCopy $value) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Fills .out with the settings of service .name: defaults deep-merged with services.<name>. */}}
{{- define "tpx.resolveService" -}}
{{- $merged := deepCopy .root.Values.defaults -}}
{{- include "tpx.deepMerge" (list $merged (index .root.Values.services .name | default dict)) -}}
{{- range $key, $value := $merged -}}
{{- $_ := set $.out $key $value -}}
{{- end -}}
{{- end -}}

{{/* Services in a stable order. */}}
{{- define "tpx.serviceNames" -}}
{{- keys .Values.services | sortAlpha | toJson -}}
{{- end -}}

{{/* <release>-<service> */}}
{{- define "tpx.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tpx.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/* <registry>/<service>:<tag>: the names the Tiltfile's docker_build() produces. */}}
{{- define "tpx.image" -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .name (include "tpx.imageTag" .root) -}}
{{- end -}}

{{- define "tpx.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tpx.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "tpx.selectorLabels" . }}
app.kubernetes.io/version: {{ include "tpx.imageTag" .root | quote }}
app.kubernetes.io/part-of: tpx
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* "true" when the dev instance of .part (nats, postgres, valkey, otelCollector, jaeger) is rendered. */}}
{{- define "tpx.dev" -}}
{{- $dev := .root.Values.devInfrastructure -}}
{{- if and $dev.enabled (index $dev .part).enabled -}}true{{- end -}}
{{- end -}}

{{- define "tpx.natsUrl" -}}
{{- if include "tpx.dev" (dict "root" . "part" "nats") -}}
nats://{{ .Release.Name }}-nats:4222
{{- else -}}
{{ .Values.infrastructure.natsUrl }}
{{- end -}}
{{- end -}}

{{- define "tpx.redisUrl" -}}
{{- if include "tpx.dev" (dict "root" . "part" "valkey") -}}
redis://{{ .Release.Name }}-valkey:6379
{{- else -}}
{{ .Values.infrastructure.redisUrl }}
{{- end -}}
{{- end -}}

{{- define "tpx.otlpEndpoint" -}}
{{- if include "tpx.dev" (dict "root" . "part" "otelCollector") -}}
http://{{ .Release.Name }}-otel-collector:4318
{{- else -}}
{{ .Values.infrastructure.otlpEndpoint }}
{{- end -}}
{{- end -}}

{{/* "true" when the chart creates the Secret with this service's DATABASE_URL (development only). */}}
{{- define "tpx.createsDatabaseSecret" -}}
{{- if and (not .svc.database.existingSecret) (or .svc.database.url (include "tpx.dev" (dict "root" .root "part" "postgres"))) -}}true{{- end -}}
{{- end -}}

{{- define "tpx.databaseSecretName" -}}
{{- .svc.database.existingSecret | default (printf "%s-database" (include "tpx.fullname" .)) -}}
{{- end -}}

{{- define "tpx.databaseSecretKey" -}}
{{- if include "tpx.createsDatabaseSecret" . -}}DATABASE_URL{{- else -}}{{ .svc.database.secretKey }}{{- end -}}
{{- end -}}

{{/* URL of a service's own database in the dev PostgreSQL: role <service>, database tpx_<service> (as npm start). */}}
{{- define "tpx.devDatabaseUrl" -}}
{{- $password := .root.Values.devInfrastructure.postgres.password -}}
{{- printf "postgresql://%s:%s@%s-postgres:5432/tpx_%s" .name (urlquery $password) .root.Release.Name .name -}}
{{- end -}}

{{/* DATABASE_URL env entry: always a secretKeyRef, never a literal. */}}
{{- define "tpx.databaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "tpx.databaseSecretName" . }}
      key: {{ include "tpx.databaseSecretKey" . }}
{{- end -}}

{{/* Non-secret environment of a service (the ConfigMap's data), as YAML. */}}
{{- define "tpx.serviceEnv" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $env := dict
  "NODE_ENV" $svc.nodeEnv
  "HOST" "0.0.0.0"
  "PORT" (int $svc.port | toString)
  "LOG_LEVEL" $svc.logLevel
  "LOG_PRETTY" "false"
  "DATABASE_POOL_MAX" (int $svc.database.poolMax | toString)
  "NATS_URL" (include "tpx.natsUrl" $root)
  "REDIS_URL" (include "tpx.redisUrl" $root)
  "EVENT_NAMESPACE" $root.Values.infrastructure.eventNamespace
  "OTEL_SERVICE_NAME" .name
  "SHUTDOWN_DELAY_MS" (int $svc.shutdown.delayMs | toString)
  "SHUTDOWN_TIMEOUT_MS" (int $svc.shutdown.timeoutMs | toString)
-}}
{{- with include "tpx.otlpEndpoint" $root -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" . -}}
{{- end -}}
{{- $memory := toString (dig "limits" "memory" "" $svc.resources) -}}
{{- $mebibytes := 0 -}}
{{- if hasSuffix "Mi" $memory -}}
{{- $mebibytes = trimSuffix "Mi" $memory | int -}}
{{- else if hasSuffix "Gi" $memory -}}
{{- $mebibytes = mul (trimSuffix "Gi" $memory | int) 1024 -}}
{{- end -}}
{{- if gt $mebibytes 0 -}}
{{- $_ := set $env "NODE_OPTIONS" (printf "--max-old-space-size=%d" (div (mul $mebibytes 3) 4)) -}}
{{- end -}}
{{- range $upstream := $svc.upstreams -}}
{{- $target := dict -}}
{{- include "tpx.resolveService" (dict "root" $root "name" $upstream "out" $target) -}}
{{- $_ := set $env (printf "%s_URL" (upper $upstream)) (printf "http://%s:%d" (include "tpx.fullname" (dict "root" $root "name" $upstream)) (int $target.port)) -}}
{{- end -}}
{{- /* Services verify access tokens against the keys the gateway publishes. */ -}}
{{- if ne .name "gateway" -}}
{{- $gateway := dict -}}
{{- include "tpx.resolveService" (dict "root" $root "name" "gateway" "out" $gateway) -}}
{{- $_ := set $env "AUTH_JWKS_URL" (printf "http://%s:%d/.well-known/jwks.json" (include "tpx.fullname" (dict "root" $root "name" "gateway")) (int $gateway.port)) -}}
{{- end -}}
{{- range $key, $value := $svc.env -}}
{{- $_ := set $env $key (toString $value) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* Peers of an egress rule: configured `to`, else the dev instance's pods, else none (= any destination). */}}
{{- define "tpx.egressPeers" -}}
{{- $rule := index .root.Values.networkPolicy.egress .kind -}}
{{- if $rule.to -}}
{{- toYaml $rule.to -}}
{{- else if include "tpx.dev" (dict "root" .root "part" .part) -}}
- podSelector:
    matchLabels:
      app.kubernetes.io/name: {{ .devName }}
      app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}
{{- end -}}

{{/* One egress rule (list item) to an infrastructure endpoint. */}}
{{- define "tpx.egressRule" -}}
{{- $peers := include "tpx.egressPeers" . -}}
- ports:
  {{- range (index .root.Values.networkPolicy.egress .kind).ports }}
    - protocol: TCP
      port: {{ int . }}
  {{- end }}
  {{- with $peers }}
  to:
    {{- . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "tpx.dnsEgressRule" -}}
- to:
    {{- toYaml .Values.networkPolicy.dns.to | nindent 4 }}
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- end -}}

{{/* Hook events of the migration Jobs (see values.yaml migrationJob.hookEvents). */}}
{{- define "tpx.migrationHookEvents" -}}
{{- if .Values.migrationJob.hookEvents -}}
{{- join "," .Values.migrationJob.hookEvents -}}
{{- else -}}
{{- $chartMakesDatabase := include "tpx.dev" (dict "root" . "part" "postgres") -}}
{{- range $name := include "tpx.serviceNames" $ | fromJsonArray -}}
{{- $svc := dict -}}
{{- include "tpx.resolveService" (dict "root" $ "name" $name "out" $svc) -}}
{{- if and $svc.enabled (include "tpx.createsDatabaseSecret" (dict "root" $ "name" $name "svc" $svc)) -}}
{{- $chartMakesDatabase = "true" -}}
{{- end -}}
{{- end -}}
{{- if $chartMakesDatabase -}}post-install,pre-upgrade{{- else -}}pre-install,pre-upgrade{{- end -}}
{{- end -}}
{{- end -}}

{{/* Shared Deployment pieces of the dev infrastructure. */}}
{{- define "tpx.devContainerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "tpx.devPodSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}
