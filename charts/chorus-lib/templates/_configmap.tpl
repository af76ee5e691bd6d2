{{/* Per-service configuration: application.yaml in the ConfigMap <svc>-config, read through the Kubernetes API by
     spring-cloud-kubernetes (SPRING_CLOUD_KUBERNETES_CONFIG_NAME) and watched: a change is applied in place
     (context refresh) for the runtime-reloadable settings listed in chorus-lib.configmap.reloadable. A change to
     any other setting still rolls the pods through the checksum/config annotation (chorus-lib.configmap.restartChecksum). */}}

{{/* Paths (dot-separated) whose changes the services apply at runtime; excluded from the restart checksum. */}}
{{- define "chorus-lib.configmap.reloadable" -}}
- logging.level
- chorus.gateway.rate-limit
- chorus.gateway.cors
{{- end -}}

{{/* Usage: include "chorus-lib.configmap.restartChecksum" (dict "root" $ "svc" $svc)
     sha256 of the rendered configuration without the runtime-reloadable paths: changes only for restart-required settings. */}}
{{- define "chorus-lib.configmap.restartChecksum" -}}
{{- $config := include "chorus-lib.configmap.config" . | fromYaml -}}
{{- range $path := include "chorus-lib.configmap.reloadable" . | fromYamlArray -}}
{{- $keys := splitList "." $path -}}
{{- $parents := list $config -}}
{{- range $key := initial $keys -}}
{{- $parent := last $parents -}}
{{- if and (kindIs "map" $parent) (hasKey $parent $key) -}}
{{- $parents = append $parents (get $parent $key) -}}
{{- else -}}
{{- $parents = append $parents "" -}}
{{- end -}}
{{- end -}}
{{- $leaf := last $parents -}}
{{- if kindIs "map" $leaf -}}
{{- $_ := unset $leaf (last $keys) -}}
{{- end -}}
{{- /* drop the maps the removal left empty (logging: {} after logging.level), deepest first */ -}}
{{- range $i := untilStep (sub (len $keys) 1 | int) 0 -1 -}}
{{- $map := index $parents $i -}}
{{- $holder := index $parents (sub $i 1 | int) -}}
{{- if and (kindIs "map" $map) (kindIs "map" $holder) (empty $map) -}}
{{- $_ := unset $holder (index $keys (sub $i 1 | int)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $config | sha256sum -}}
{{- end -}}

{{/* Usage: include "chorus-lib.configmap" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.configmap" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "chorus-lib.names.config" $svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
    # spring-cloud-kubernetes' reload informer only watches ConfigMaps carrying this label.
    spring.cloud.kubernetes.config.informer.enabled: "true"
data:
  application.yaml: |
    {{- include "chorus-lib.configmap.config" . | nindent 4 }}
{{- end -}}

{{/* Usage: include "chorus-lib.configmap.config" (dict "root" $ "svc" $svc) — the service's application.yaml (YAML text) */}}
{{- define "chorus-lib.configmap.config" -}}
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
{{- toYaml $config -}}
{{- end -}}
