{{/* Service: named ports (Istio picks the protocol from the `http` prefix); selects both tracks. */}}

{{/* Usage: include "chorus-lib.service" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    app: {{ .svc.name }}
  ports:
    - name: http
      port: {{ .svc.port | int }}
      targetPort: http
      protocol: TCP
      appProtocol: http
    - name: http-mgmt
      port: {{ .svc.managementPort | int }}
      targetPort: http-mgmt
      protocol: TCP
      appProtocol: http
{{- end -}}
