{{/* NetworkPolicy (on by default): the service port only from the gateway, named callers and the ingress
     namespace (without the mesh the gateway's port is open: there is no ingress gateway to name); the
     management port and the sidecar's merged metrics (15020, 15090) from the monitoring namespaces.
     Egress stays open (DNS, stores, mesh). */}}

{{/* Usage: include "chorus-lib.networkpolicy" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.networkpolicy" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      app: {{ $svc.name }}
  policyTypes: [Ingress]
  ingress:
    - ports:
        - port: http
          protocol: TCP
      {{- if and (eq $svc.name "gateway") (not $root.Values.mesh.enabled) }}
      from: []
      {{- else }}
      from:
        {{- if eq $svc.name "gateway" }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $root.Values.mesh.ingress.namespace }}
        {{- else }}
        - podSelector:
            matchLabels:
              app: gateway
        {{- end }}
        {{- range $svc.callers }}
        - podSelector:
            matchLabels:
              app: {{ . }}
        {{- end }}
      {{- end }}
    - ports:
        - port: http-mgmt
          protocol: TCP
        {{- if $root.Values.mesh.enabled }}
        - port: 15020
          protocol: TCP
        - port: 15090
          protocol: TCP
        {{- end }}
      from:
        {{- range $root.Values.mesh.monitoringNamespaces }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ . }}
        {{- end }}
        {{- if eq $svc.name "gateway" }}
        # Every service fetches the passport JWKS from the gateway's management port.
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: chorus
        {{- end }}
{{- end -}}
