{{/* Deployment of one track (stable or canary) of a service. */}}

{{/* Usage: include "chorus-lib.deployment" (dict "root" $ "svc" $svc "track" "stable") */}}
{{- define "chorus-lib.deployment" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $track := .track -}}
{{- $sel := dict "name" $svc.name "track" $track -}}
{{- if and $svc.persistence.enabled (eq $svc.persistence.accessMode "ReadWriteOnce") (or $svc.autoscaling.enabled (gt ($svc.replicas | int) 1)) -}}
{{- fail (printf "services.%s: a ReadWriteOnce volume cannot be shared by several replicas; use ReadWriteMany or object storage" $svc.name) -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chorus-lib.names.workload" $sel }}
  labels:
    {{- include "chorus-lib.labels.standard" (dict "root" $root "name" $svc.name "track" $track) | nindent 4 }}
    chorus.io/group: {{ $svc.group }}
spec:
  {{- if eq $track "canary" }}
  replicas: {{ $svc.canary.replicas | int }}
  {{- else if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas | int }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "chorus-lib.labels.selector" $sel | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "chorus-lib.labels.standard" (dict "root" $root "name" $svc.name "track" $track) | nindent 8 }}
        chorus.io/group: {{ $svc.group }}
      annotations:
        # Only restart-required settings roll the pods; runtime-reloadable ones (chorus-lib.configmap.reloadable)
        # are applied in place by spring-cloud-kubernetes' reload (context refresh).
        checksum/config: {{ include "chorus-lib.configmap.restartChecksum" (dict "root" $root "svc" $svc) }}
        # Istio merges these into its own scrape endpoint (15020), so Prometheus needs no mTLS.
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $svc.managementPort | int | quote }}
        prometheus.io/path: /actuator/prometheus
        proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
    spec:
      serviceAccountName: {{ include "chorus-lib.names.serviceAccount" $svc.name }}
      # spring-cloud-kubernetes reads and watches the service's ConfigMap with this token (Role <svc>-config-reader).
      automountServiceAccountToken: true
      terminationGracePeriodSeconds: {{ $svc.shutdown.terminationGracePeriodSeconds | int }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "chorus-lib.labels.selector" $sel | nindent 14 }}
      containers:
        - name: {{ $svc.name }}
          image: {{ include "chorus-lib.images.image" (dict "root" $root "svc" $svc "track" $track) }}
          imagePullPolicy: {{ $root.Values.global.imagePullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port | int }}
              protocol: TCP
            - name: http-mgmt
              containerPort: {{ $svc.managementPort | int }}
              protocol: TCP
          env:
            {{- include "chorus-lib.env.container" (dict "root" $root "svc" $svc) | nindent 12 }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http-mgmt
            periodSeconds: {{ $svc.probes.startup.periodSeconds | int }}
            failureThreshold: {{ $svc.probes.startup.failureThreshold | int }}
            timeoutSeconds: {{ $svc.probes.startup.timeoutSeconds | int }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http-mgmt
            periodSeconds: {{ $svc.probes.liveness.periodSeconds | int }}
            failureThreshold: {{ $svc.probes.liveness.failureThreshold | int }}
            timeoutSeconds: {{ $svc.probes.liveness.timeoutSeconds | int }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http-mgmt
            periodSeconds: {{ $svc.probes.readiness.periodSeconds | int }}
            failureThreshold: {{ $svc.probes.readiness.failureThreshold | int }}
            timeoutSeconds: {{ $svc.probes.readiness.timeoutSeconds | int }}
          lifecycle:
            preStop:
              # Keep serving while endpoints and sidecars learn the pod is going; then SIGTERM
              # starts Spring's graceful shutdown (drainSeconds), all inside the grace period.
              exec:
                command: ["sh", "-c", "sleep {{ $svc.shutdown.preStopSleepSeconds | int }}"]
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $svc.persistence.enabled }}
            - name: data
              mountPath: {{ $svc.persistence.mountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- if $svc.persistence.enabled }}
        - name: data
          persistentVolumeClaim:
            claimName: {{ $svc.name }}-data
        {{- end }}
{{- end -}}
