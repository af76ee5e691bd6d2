{{/* PersistentVolumeClaim shared by every replica of a service (ReadWriteMany under an HPA). */}}

{{/* Usage: include "chorus-lib.pvc" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.pvc" -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ .svc.name }}-data
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
  annotations:
    helm.sh/resource-policy: keep
spec:
  accessModes: [{{ .svc.persistence.accessMode }}]
  {{- with .svc.persistence.storageClass }}
  storageClassName: {{ . }}
  {{- end }}
  resources:
    requests:
      storage: {{ .svc.persistence.size }}
{{- end -}}
