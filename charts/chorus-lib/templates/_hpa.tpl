{{/* HorizontalPodAutoscaler (autoscaling/v2) of the stable Deployment, on CPU (a JVM's heap never shrinks, so no memory target). */}}

{{/* Usage: include "chorus-lib.hpa" (dict "root" $ "svc" $svc) */}}
{{- define "chorus-lib.hpa" -}}
{{- $a := .svc.autoscaling -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .svc.name }}
  labels:
    {{- include "chorus-lib.labels.standard" (dict "root" .root "name" .svc.name "track" "stable") | nindent 4 }}
    chorus.io/group: {{ .svc.group }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "chorus-lib.names.workload" (dict "name" .svc.name "track" "stable") }}
  minReplicas: {{ $a.minReplicas | int }}
  maxReplicas: {{ $a.maxReplicas | int }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage | int }}
  behavior:
    scaleUp:
      stabilizationWindowSeconds: {{ $a.behavior.scaleUp.stabilizationWindowSeconds | int }}
      selectPolicy: Max
      policies:
        - type: Percent
          value: {{ $a.behavior.scaleUp.percent | int }}
          periodSeconds: {{ $a.behavior.scaleUp.periodSeconds | int }}
        - type: Pods
          value: {{ $a.behavior.scaleUp.pods | int }}
          periodSeconds: {{ $a.behavior.scaleUp.periodSeconds | int }}
    scaleDown:
      stabilizationWindowSeconds: {{ $a.behavior.scaleDown.stabilizationWindowSeconds | int }}
      selectPolicy: Min
      policies:
        - type: Percent
          value: {{ $a.behavior.scaleDown.percent | int }}
          periodSeconds: {{ $a.behavior.scaleDown.periodSeconds | int }}
        - type: Pods
          value: {{ $a.behavior.scaleDown.pods | int }}
          periodSeconds: {{ $a.behavior.scaleDown.periodSeconds | int }}
{{- end -}}
