{{/* Container environment: ports, shutdown, JVM, and the connection settings of each store the service uses.
     Passwords and keys come from Secrets (secretKeyRef), never from values. */}}

{{/* Usage: include "chorus-lib.env.infraHost" (dict "root" $ "store" "mysql") — in-cluster Service name or the external host */}}
{{- define "chorus-lib.env.infraHost" -}}
{{- $infra := index .root.Values.infra .store -}}
{{- if $infra.enabled -}}{{ .store }}{{- else -}}{{ required (printf "infra.%s.external.host is required when infra.%s.enabled is false" .store .store) $infra.external.host }}{{- end -}}
{{- end -}}

{{/* Usage: include "chorus-lib.env.secretName" (dict "root" $ "store" "mysql") — Secret holding the store's password */}}
{{- define "chorus-lib.env.secretName" -}}
{{- $infra := index .root.Values.infra .store -}}
{{- if and (not $infra.enabled) $infra.external.existingSecret -}}{{ $infra.external.existingSecret }}{{- else -}}chorus-{{ .store }}{{- end -}}
{{- end -}}

{{/* Usage: include "chorus-lib.env.container" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.env.container" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $db := $svc.database | default $svc.name -}}
- name: SERVER_PORT
  value: {{ $svc.port | int | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ $svc.managementPort | int | quote }}
# The service's ConfigMap, loaded through the Kubernetes API and watched (spring-cloud-kubernetes; the import
# and the reload settings are the starter's Kubernetes defaults).
- name: SPRING_CLOUD_KUBERNETES_CONFIG_NAME
  value: {{ include "chorus-lib.names.config" $svc.name }}
- name: SPRING_CLOUD_KUBERNETES_CONFIG_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: SPRING_CLOUD_KUBERNETES_RELOAD_NAMESPACES_0
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: SERVER_SHUTDOWN
  value: graceful
- name: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE
  value: {{ printf "%ds" ($svc.shutdown.drainSeconds | int) | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%d -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" ($svc.jvm.maxRamPercentage | int) | quote }}
- name: CHORUS_LOGGING_FORMAT
  value: json
{{- if ne $svc.name "gateway" }}
- name: CHORUS_PASSPORT_JWKS_URI
  value: {{ printf "http://gateway:%d/internal/passport/jwks.json" ((index $root.Values.services "gateway").managementPort | int) | quote }}
{{- end }}
{{- /* Each service is its own user in every store (user = service name, password key
       <service>-password), with rights on its own database / key prefixes only. */ -}}
{{- if has "mysql" $svc.stores }}
{{- $host := include "chorus-lib.env.infraHost" (dict "root" $root "store" "mysql") }}
{{- $port := ternary 3306 ($root.Values.infra.mysql.external.port | int) $root.Values.infra.mysql.enabled }}
{{- $secret := include "chorus-lib.env.secretName" (dict "root" $root "store" "mysql") }}
- name: SPRING_R2DBC_URL
  value: {{ printf "r2dbc:mysql://%s:%d/%s" $host $port $db | quote }}
- name: SPRING_R2DBC_USERNAME
  value: {{ $svc.name }}
- name: SPRING_R2DBC_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $svc.name }}-password
- name: SPRING_FLYWAY_URL
  value: {{ printf "jdbc:mariadb://%s:%d/%s?allowPublicKeyRetrieval=true" $host $port $db | quote }}
- name: SPRING_FLYWAY_USER
  value: {{ $svc.name }}
- name: SPRING_FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $svc.name }}-password
# Start-up ordering: Flyway waits for MySQL (1 s doubling up to the interval) instead of failing
# the pod into a crash loop; the budget stays inside the startup probe's (chart-tests check it).
- name: SPRING_FLYWAY_CONNECT_RETRIES
  value: {{ $svc.storeWait.retries | int | quote }}
- name: SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL
  value: {{ printf "%ds" ($svc.storeWait.maxIntervalSeconds | int) | quote }}
{{- end }}
{{- if has "redis" $svc.stores }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ include "chorus-lib.env.infraHost" (dict "root" $root "store" "redis") | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ ternary 6379 ($root.Values.infra.redis.external.port | int) $root.Values.infra.redis.enabled | quote }}
- name: SPRING_DATA_REDIS_USERNAME
  value: {{ $svc.name }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "chorus-lib.env.secretName" (dict "root" $root "store" "redis") }}
      key: {{ $svc.name }}-password
{{- end }}
{{- if has "mongodb" $svc.stores }}
- name: MONGODB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "chorus-lib.env.secretName" (dict "root" $root "store" "mongodb") }}
      key: {{ $svc.name }}-password
- name: SPRING_MONGODB_URI
  value: {{ printf "mongodb://%s:$(MONGODB_PASSWORD)@%s:%d/%s?authSource=%s" $svc.name (include "chorus-lib.env.infraHost" (dict "root" $root "store" "mongodb")) (ternary 27017 ($root.Values.infra.mongodb.external.port | int) $root.Values.infra.mongodb.enabled) $db $db | quote }}
{{- end }}
{{- if has "kafka" $svc.stores }}
- name: CHORUS_KAFKA_BOOTSTRAP_SERVERS
  value: {{ ternary "kafka:9092" $root.Values.infra.kafka.external.bootstrapServers $root.Values.infra.kafka.enabled | quote }}
{{- end }}
{{- if eq $svc.name "gateway" }}
- name: CHORUS_GATEWAY_PASSPORT_KEY
  valueFrom:
    secretKeyRef:
      name: chorus-gateway-passport
      key: private-jwk
{{- end }}
{{- if eq $svc.name "member" }}
- name: CHORUS_MEMBER_KEY_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: chorus-member-keys
      key: key-encryption-key
{{- end }}
{{- range $k, $v := $svc.env }}
- name: {{ $k }}
  value: {{ $v | toString | quote }}
{{- end }}
{{- end -}}
