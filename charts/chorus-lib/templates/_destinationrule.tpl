{{/* DestinationRule per service: LEAST_REQUEST, connection pool, outlier detection, and the
     stable/canary subsets selecting on the pods' `version` label. */}}

{{/* Usage: include "chorus-lib.destinationrule" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.destinationrule" -}}
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
spec:
  host: {{ .svc.name }}
  trafficPolicy:
    {{- toYaml .root.Values.mesh.trafficPolicy | nindent 4 }}
  subsets:
    - name: stable
      labels:
        version: stable
    - name: canary
      labels:
        version: canary
{{- end -}}
