{{/* PodDisruptionBudget of the stable track. */}}

{{/* Usage: include "chorus-lib.pdb" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.standard" (dict "root" .root "name" .svc.name "track" "stable") | nindent 4 }}
spec:
  maxUnavailable: {{ .svc.pdb.maxUnavailable | int }}
  selector:
    matchLabels:
      {{- include "chorus-lib.labels.selector" (dict "name" .svc.name "track" "stable") | nindent 6 }}
{{- end -}}
