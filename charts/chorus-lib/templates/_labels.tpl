{{/* Labels. `app` and `version` are what Istio (subsets, telemetry) and the dashboards key on. */}}

{{/* Usage: include "chorus-lib.labels.standard" (dict "root" $ "name" "member" "track" "stable") */}}
{{- define "chorus-lib.labels.standard" -}}
{{ include "chorus-lib.labels.selector" . }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: chorus
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "chorus-lib.names.chart" .root }}
{{- end -}}

{{/* Usage: include "chorus-lib.labels.selector" (dict "name" "member" "track" "stable") — pod selector of one Deployment */}}
{{- define "chorus-lib.labels.selector" -}}
app: {{ .name }}
version: {{ .track | default "stable" }}
{{- end -}}

{{/* Usage: include "chorus-lib.labels.common" (dict "root" $ "name" "member") — labels of objects shared by both tracks */}}
{{- define "chorus-lib.labels.common" -}}
app: {{ .name }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: chorus
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "chorus-lib.names.chart" .root }}
{{- end -}}
