{{/* Images. Tags are always pinned: an empty or `latest` tag fails the render. No image is published
     under a default name, so registry and tag have no defaults: an install without them fails here,
     saying what to set, instead of pulling images that do not exist. */}}

{{/* Usage: include "chorus-lib.images.tag" (dict "root" $ "svc" $svc "track" "stable") — the pinned tag of one track */}}
{{- define "chorus-lib.images.tag" -}}
{{- $tag := .svc.image.tag | default .root.Values.global.imageTag -}}
{{- if and (ne .track "canary") (not $tag) -}}
{{- fail "global.imageTag is required: the tag your Chorus images were pushed with (images.yml pushes the commit sha; installer.sh up sets it for kind)" -}}
{{- end -}}
{{- if eq .track "canary" -}}{{- $tag = .svc.canary.tag -}}{{- end -}}
{{- if or (not $tag) (eq (toString $tag) "latest") -}}
{{- fail (printf "services.%s: the %s image tag must be pinned (got %q)" .svc.name .track (toString $tag)) -}}
{{- end -}}
{{ $tag }}
{{- end -}}

{{/* Usage: include "chorus-lib.images.image" (dict "root" $ "svc" $svc "track" "stable") */}}
{{- define "chorus-lib.images.image" -}}
{{- $g := .root.Values.global -}}
{{- if not (or .svc.image.repository $g.imageRegistry) -}}
{{- fail "global.imageRegistry is required: the registry your Chorus images were pushed to, e.g. ghcr.io/<owner> (images.yml pushes ghcr.io/<owner>/<service>:<commit sha>; installer.sh up sets it for kind)" -}}
{{- end -}}
{{- $repo := .svc.image.repository | default (printf "%s/%s" $g.imageRegistry .svc.name) -}}
{{ $repo }}:{{ include "chorus-lib.images.tag" . }}
{{- end -}}
