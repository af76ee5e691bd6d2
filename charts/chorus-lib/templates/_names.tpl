{{/* Names. Every object of a service carries the service's name, so Istio hosts equal Service names. */}}

{{/* Usage: include "chorus-lib.names.workload" (dict "name" "member" "track" "canary") — Deployment name per track */}}
{{- define "chorus-lib.names.workload" -}}
{{- if eq .track "canary" -}}{{ .name }}-canary{{- else -}}{{ .name }}{{- end -}}
{{- end -}}

{{/* Usage: include "chorus-lib.names.serviceAccount" "member" */}}
{{- define "chorus-lib.names.serviceAccount" -}}
chorus-{{ . }}
{{- end -}}

{{/* Usage: include "chorus-lib.names.principal" (dict "namespace" "ns" "serviceAccount" "sa") — SPIFFE principal */}}
{{- define "chorus-lib.names.principal" -}}
cluster.local/ns/{{ .namespace }}/sa/{{ .serviceAccount }}
{{- end -}}

{{/* Usage: include "chorus-lib.names.chart" $ — chart label value */}}
{{- define "chorus-lib.names.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Usage: include "chorus-lib.names.config" "member" — the service's ConfigMap, read by spring-cloud-kubernetes */}}
{{- define "chorus-lib.names.config" -}}
{{ . }}-config
{{- end -}}
