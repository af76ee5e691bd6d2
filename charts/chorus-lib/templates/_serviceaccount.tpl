{{/* ServiceAccount: the identity AuthorizationPolicies name (cluster.local/ns/<ns>/sa/chorus-<service>). */}}

{{/* Usage: include "chorus-lib.serviceaccount" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.serviceaccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "chorus-lib.names.serviceAccount" .svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}
