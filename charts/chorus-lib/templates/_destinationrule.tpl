{{/* DestinationRule per service: LEAST_REQUEST, connection pool (plus the service's own
     idleTimeout, if set), outlier detection, and the
     stable/canary subsets selecting on the pods' `version` label. */}}

{{/* Usage: include "chorus-lib.destinationrule" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.destinationrule" -}}
{{- $policy := deepCopy .root.Values.mesh.trafficPolicy -}}
{{- with .svc.idleTimeout }}
{{- $pool := $policy.connectionPool | default dict -}}
{{- $_ := set $pool "http" (mergeOverwrite (deepCopy ($pool.http | default dict)) (dict "idleTimeout" .)) -}}
{{- $_ := set $policy "connectionPool" $pool -}}
{{- end }}
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
spec:
  host: {{ .svc.name }}
  trafficPolicy:
    {{- toYaml $policy | nindent 4 }}
  subsets:
    - name: stable
      labels:
        version: stable
    - name: canary
      labels:
        version: canary
{{- end -}}
