{{/* AuthorizationPolicy per service: the API port only from its callers (the Istio ingress gateway
     for the chorus gateway; the chorus gateway plus `callers` for every other service); the
     management port's health and metrics paths from anyone who reaches it (kubelet probes are
     rewritten by Istio; Prometheus scrapes); the gateway's passport JWKS from every chorus service. */}}

{{/* Usage: include "chorus-lib.authorizationpolicy" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.authorizationpolicy" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $ns := $root.Release.Namespace -}}
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: {{ $svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
spec:
  selector:
    matchLabels:
      app: {{ $svc.name }}
  action: ALLOW
  rules:
    - from:
        - source:
            principals:
              {{- if eq $svc.name "gateway" }}
              - {{ include "chorus-lib.names.principal" (dict "namespace" $root.Values.mesh.ingress.namespace "serviceAccount" $root.Values.mesh.ingress.serviceAccount) }}
              {{- else }}
              - {{ include "chorus-lib.names.principal" (dict "namespace" $ns "serviceAccount" (include "chorus-lib.names.serviceAccount" "gateway")) }}
              {{- end }}
              {{- range $svc.callers }}
              - {{ include "chorus-lib.names.principal" (dict "namespace" $ns "serviceAccount" (include "chorus-lib.names.serviceAccount" .)) }}
              {{- end }}
      to:
        - operation:
            ports: [{{ $svc.port | int | quote }}]
    - to:
        - operation:
            ports: [{{ $svc.managementPort | int | quote }}]
            methods: [GET]
            paths: [/actuator/health, /actuator/health/*, /actuator/prometheus]
    {{- if eq $svc.name "gateway" }}
    - from:
        - source:
            principals:
              {{- range $name := include "chorus-lib.values.enabledServices" $root | fromYamlArray }}
              {{- if ne $name "gateway" }}
              - {{ include "chorus-lib.names.principal" (dict "namespace" $ns "serviceAccount" (include "chorus-lib.names.serviceAccount" $name)) }}
              {{- end }}
              {{- end }}
      to:
        - operation:
            ports: [{{ $svc.managementPort | int | quote }}]
            methods: [GET]
            paths: [/internal/passport/jwks.json]
    {{- end }}
{{- end -}}

{{/* Usage: include "chorus-lib.peerauthentication" (dict "root" $ "svc" $svc) — management port PERMISSIVE (probes, scrapes, helm test); API port stays STRICT */}}
{{- define "chorus-lib.peerauthentication" -}}
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {{ .svc.name }}-management
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" .root "name" .svc.name) | nindent 4 }}
spec:
  selector:
    matchLabels:
      app: {{ .svc.name }}
  mtls:
    mode: STRICT
  portLevelMtls:
    {{ .svc.managementPort | int }}:
      mode: PERMISSIVE
{{- end -}}
