{{/* Effective values of one service: serviceDefaults deep-merged under services.<name>. */}}

{{/* Usage: $svc := include "chorus-lib.values.service" (dict "root" $ "name" "member") | fromYaml */}}
{{- define "chorus-lib.values.service" -}}
{{- $defaults := deepCopy .root.Values.serviceDefaults -}}
{{- $own := deepCopy (index .root.Values.services .name) -}}
{{- $svc := mergeOverwrite $defaults $own -}}
{{- /* mergeOverwrite ignores an explicit false over true: put booleans back from the service's own block. */ -}}
{{- include "chorus-lib.values.restoreFalse" (dict "dst" $svc "src" $own) -}}
{{- $_ := set $svc "name" .name -}}
{{- toYaml $svc -}}
{{- end -}}

{{/* Usage: include "chorus-lib.values.restoreFalse" (dict "dst" $merged "src" $own) — copies every false of src into dst, recursively */}}
{{- define "chorus-lib.values.restoreFalse" -}}
{{- $dst := .dst -}}
{{- range $k, $v := .src -}}
{{- if kindIs "bool" $v -}}
{{- $_ := set $dst $k $v -}}
{{- else if and (kindIs "map" $v) (kindIs "map" (index $dst $k)) -}}
{{- include "chorus-lib.values.restoreFalse" (dict "dst" (index $dst $k) "src" $v) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Usage: include "chorus-lib.values.enabledServices" $ | fromYamlArray — names of enabled services, sorted */}}
{{- define "chorus-lib.values.enabledServices" -}}
{{- $names := list -}}
{{- range $name := keys .Values.services | sortAlpha -}}
{{- $svc := include "chorus-lib.values.service" (dict "root" $ "name" $name) | fromYaml -}}
{{- if $svc.enabled -}}{{- $names = append $names $name -}}{{- end -}}
{{- end -}}
{{- toYaml $names -}}
{{- end -}}


{{/* Usage: include "chorus-lib.values.storeUsers" (dict "root" $ "store" "mysql") | fromYamlArray
     — the enabled services that use a store, each its own user: name (= user), database, redisKeys.
     Least privilege: a service's credentials open its own database / key prefixes only. */}}
{{- define "chorus-lib.values.storeUsers" -}}
{{- $users := list -}}
{{- range $name := include "chorus-lib.values.enabledServices" .root | fromYamlArray -}}
{{- $svc := include "chorus-lib.values.service" (dict "root" $.root "name" $name) | fromYaml -}}
{{- if has $.store $svc.stores -}}
{{- $users = append $users (dict "name" $name "database" ($svc.database | default $name) "redisKeys" ($svc.redisKeys | default list)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $users -}}
{{- end -}}
