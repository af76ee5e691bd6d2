{{/* Images. Tags are always pinned: an empty or `latest` tag fails the render. */}}

{{/* Usage: include "chorus-lib.images.tag" (dict "root" $ "svc" $svc "track" "stable") — the pinned tag of one track */}}
{{- define "chorus-lib.images.tag" -}}
{{- $tag := .svc.image.tag | default .root.Values.global.imageTag -}}
{{- if eq .track "canary" -}}{{- $tag = .svc.canary.tag -}}{{- end -}}
{{- if or (not $tag) (eq (toString $tag) "latest") -}}
{{- fail (printf "services.%s: the %s image tag must be pinned (got %q)" .svc.name .track (toString $tag)) -}}
{{- end -}}
{{ $tag }}
{{- end -}}

{{/* Usage: include "chorus-lib.images.image" (dict "root" $ "svc" $svc "track" "stable") */}}
{{- define "chorus-lib.images.image" -}}
{{- $g := .root.Values.global -}}
{{- $repo := .svc.image.repository | default (printf "%s/%s" $g.imageRegistry .svc.name) -}}
{{ $repo }}:{{ include "chorus-lib.images.tag" . }}
{{- end -}}
