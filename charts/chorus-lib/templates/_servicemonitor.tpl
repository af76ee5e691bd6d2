{{/* ServiceMonitor (prometheus-operator), optional: scrapes /actuator/prometheus on the management port. */}}

{{/* Usage: include "chorus-lib.servicemonitor" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.servicemonitor" -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .svc.name }}
      app.kubernetes.io/instance: {{ .root.Release.Name }}
  endpoints:
    - port: http-mgmt
      path: /actuator/prometheus
      interval: {{ .svc.serviceMonitor.interval }}
{{- end -}}
