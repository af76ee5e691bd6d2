{{/* Role + RoleBinding: the service's ServiceAccount may read and watch ConfigMaps in its namespace, so
     spring-cloud-kubernetes can load the service's ConfigMap at start-up and reload it on change.
     No Secrets: they reach pods as secretKeyRef env vars and are neither read through the API nor watched.
     The informer selects by label (spring.cloud.kubernetes.config.informer.enabled), and list/watch
     cannot be narrowed by resourceNames, so the rule covers the namespace's ConfigMaps (which hold no secrets). */}}

{{/* Usage: include "chorus-lib.rbac" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.rbac" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $svc.name }}-config-reader
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $svc.name }}-config-reader
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $svc.name }}-config-reader
subjects:
  - kind: ServiceAccount
    name: {{ include "chorus-lib.names.serviceAccount" $svc.name }}
    namespace: {{ $root.Release.Namespace }}
{{- end -}}
