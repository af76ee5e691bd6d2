{{/* VirtualService per service (hosts = the Service name): route table with timeouts and the
     retry budget, the posts read/write split, and the stable/canary weights. */}}

{{/* Usage: include "chorus-lib.virtualservice.destinations" (dict "root" $ "name" "member" "port" true) — weighted stable/canary destinations */}}
{{- define "chorus-lib.virtualservice.destinations" -}}
{{- $svc := include "chorus-lib.values.service" (dict "root" .root "name" .name) | fromYaml -}}
{{- $w := ternary ($svc.canary.weight | int) 0 $svc.canary.enabled -}}
{{- range $track := ternary (list "stable" "canary") (list "stable") $svc.canary.enabled }}
- destination:
    host: {{ $svc.name }}
    subset: {{ $track }}
    {{- if $.port }}
    port:
      number: {{ $svc.port | int }}
    {{- end }}
  weight: {{ ternary $w (sub 100 $w) (eq $track "canary") }}
  # The version that answered, visible to clients: the e2e run counts responses per version.
  headers:
    response:
      set:
        x-chorus-version: {{ include "chorus-lib.images.tag" (dict "root" $.root "svc" $svc "track" $track) | quote }}
{{- end }}
{{- end -}}

{{/* Usage: include "chorus-lib.virtualservice.policy" (dict "root" $ "timeout" "10s" "attempts" 1) — timeout and retries of one route */}}
{{- define "chorus-lib.virtualservice.policy" -}}
timeout: {{ .timeout }}
retries:
  attempts: {{ .attempts | int }}
  {{- if gt (.attempts | int) 0 }}
  perTryTimeout: {{ .timeout }}
  retryOn: {{ .root.Values.mesh.retries.retryOn }}
  {{- end }}
{{- end -}}

{{/* Usage: include "chorus-lib.virtualservice" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.virtualservice" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $timeout := $svc.route.timeout | default $root.Values.mesh.timeout -}}
{{- $attempts := $root.Values.mesh.retries.attempts | int -}}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ $svc.name }}
  labels:
    {{- include "chorus-lib.labels.common" (dict "root" $root "name" $svc.name) | nindent 4 }}
spec:
  hosts:
    - {{ $svc.name }}
  gateways:
    - mesh
  http:
    {{- range $r := $svc.route.routes }}
    {{- $other := and $r.destination (ne $r.destination $svc.name) }}
    - name: {{ $r.name }}
      match:
        - uri:
            {{ ternary "exact" "prefix" (default false $r.exact) }}: {{ $r.prefix }}
          {{- if $r.methods }}
          method:
            regex: {{ join "|" $r.methods | quote }}
          {{- end }}
          {{- if $other }}
          port: {{ $svc.port | int }}
          {{- end }}
      route:
        {{- include "chorus-lib.virtualservice.destinations" (dict "root" $root "name" (default $svc.name $r.destination) "port" $other) | nindent 8 }}
      {{- include "chorus-lib.virtualservice.policy" (dict "root" $root "timeout" (default $timeout $r.timeout) "attempts" (ternary $r.retries $attempts (hasKey $r "retries"))) | nindent 6 }}
    {{- end }}
    - name: default
      route:
        {{- include "chorus-lib.virtualservice.destinations" (dict "root" $root "name" $svc.name "port" false) | nindent 8 }}
      {{- include "chorus-lib.virtualservice.policy" (dict "root" $root "timeout" $timeout "attempts" $attempts) | nindent 6 }}
{{- end -}}
