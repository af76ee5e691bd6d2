{{/* Per-service configuration: application.yaml mounted at /config (SPRING_CONFIG_ADDITIONAL_LOCATION).
     A change rolls the pods through the checksum/config annotation (reload = rolling restart). */}}

{{/* Usage: include "chorus-lib.configmap" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.configmap" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $config := deepCopy $svc.config -}}
{{- $mgmt := dict "endpoints" (dict "web" (dict "exposure" (dict "include" "health,info,prometheus"))) "endpoint" (dict "health" (dict "probes" (dict "enabled" true))) -}}
{{- $config = mergeOverwrite (dict "management" $mgmt) $config -}}
{{- if eq $svc.name "gateway" -}}
{{- $services := dict -}}
{{- range $name := include "chorus-lib.values.enabledServices" $root | fromYamlArray -}}
{{- if ne $name "gateway" -}}
{{- $other := include "chorus-lib.values.service" (dict "root" $root "name" $name) | fromYaml -}}
{{- $_ := set $services $name (dict "uri" (printf "http://%s:%d" $name ($other.port | int))) -}}
{{- end -}}
{{- end -}}
{{- $member := include "chorus-lib.values.service" (dict "root" $root "name" "member") | fromYaml -}}
{{- $gw := dict "services" $services "jwks-uri" (printf "http://member:%d/.well-known/jwks.json" ($member.port | int)) -}}
{{- $config = mergeOverwrite (dict "chorus" (dict "gateway" $gw)) $config -}}
{{- end -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $svc.name }}-config
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
data:
  application.yaml: |
    {{- toYaml $config | nindent 4 }}
{{- end -}}
