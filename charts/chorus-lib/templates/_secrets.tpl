{{/* Secrets generated at install time and kept on upgrade: `lookup` returns the live Secret, whose
     values win over freshly generated ones. Nothing secret ever comes from values files. */}}

{{/* Usage: include "chorus-lib.secrets.resolve" (dict "root" $ "name" "chorus-mysql" "generated" (dict "password" (randAlphaNum 32))) | fromYaml
     — key → base64 value: the live Secret's value where it has one, else the generated one */}}
{{- define "chorus-lib.secrets.resolve" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name -}}
{{- $data := dict -}}
{{- if and $existing $existing.data -}}{{- $data = $existing.data -}}{{- end -}}
{{- $out := dict -}}
{{- range $key := keys .generated | sortAlpha -}}
{{- $_ := set $out $key (index $data $key | default (index $.generated $key | b64enc)) -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Usage: include "chorus-lib.secrets.secret" (dict "root" $ "name" "chorus-mysql" "generated" (dict "password" (randAlphaNum 32)))
     or, with values already resolved: (dict "root" $ "name" "chorus-mysql" "data" $resolved) */}}
{{- define "chorus-lib.secrets.secret" -}}
{{- $data := .data -}}
{{- if not $data -}}{{- $data = include "chorus-lib.secrets.resolve" . | fromYaml -}}{{- end -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .name }}
  labels:
    app.kubernetes.io/part-of: chorus
    app.kubernetes.io/instance: {{ .root.Release.Name }}
    app.kubernetes.io/managed-by: {{ .root.Release.Service }}
  annotations:
    # Kept on uninstall too: data encrypted with these keys outlives a reinstall.
    helm.sh/resource-policy: keep
type: Opaque
data:
  {{- range $key := keys $data | sortAlpha }}
  {{ $key }}: {{ index $data $key | quote }}
  {{- end }}
{{- end -}}

{{/* Usage: include "chorus-lib.secrets.ecPrivateJwk" . — a fresh private EC P-256 JWK (JSON).
     Sprig's genPrivateKey "ecdsa" is a P-256 key in SEC1 DER, whose layout is fixed:
     d at bytes 7..38, the uncompressed public point 04|x|y at bytes 56..120. */}}
{{- define "chorus-lib.secrets.ecPrivateJwk" -}}
{{- $der := regexReplaceAll "-----[A-Z ]+-----|\\s" (genPrivateKey "ecdsa") "" | b64dec -}}
{{- if ne (len $der) 121 -}}{{- fail (printf "unexpected EC key encoding (%d bytes)" (len $der)) -}}{{- end -}}
{{- $d := substr 7 39 $der | b64enc | replace "+" "-" | replace "/" "_" | trimSuffix "=" -}}
{{- $x := substr 57 89 $der | b64enc | replace "+" "-" | replace "/" "_" | trimSuffix "=" -}}
{{- $y := substr 89 121 $der | b64enc | replace "+" "-" | replace "/" "_" | trimSuffix "=" -}}
{{- dict "kty" "EC" "crv" "P-256" "use" "sig" "alg" "ES256" "d" $d "x" $x "y" $y | toJson -}}
{{- end -}}
