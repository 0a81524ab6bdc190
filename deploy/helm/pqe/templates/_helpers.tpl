{{/* Names, labels and the pieces that several templates share. */}}

{{- define "pqe.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pqe.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of an engine's objects: <fullname>-stac, <fullname>-data. Call with (list $ "stac"). */}}
{{- define "pqe.engineName" -}}
{{- printf "%s-%s" (include "pqe.fullname" (index . 0)) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "pqe.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "pqe.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pqe
{{- end -}}

{{/* Selector labels of one engine's pods. Call with (list $ "stac"). */}}
{{- define "pqe.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ include "pqe.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "pqe.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pqe.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "pqe.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The Secret that holds the database password, or nothing when there is none. Call with (list $ suffix). */}}
{{- define "pqe.passwordSecret" -}}
{{- $ := index . 0 -}}
{{- if $.Values.database.keyVault.enabled -}}
{{- printf "%s%s-db" (include "pqe.fullname" $) (index . 1) -}}
{{- else -}}
{{- $.Values.database.password.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* The database settings every pqe container gets. Call with (list $ suffix). */}}
{{- define "pqe.databaseEnv" -}}
{{- $ := index . 0 -}}
- name: PQE_DATABASE_URL
  value: {{ required "database.url is required" $.Values.database.url | quote }}
{{- with include "pqe.passwordSecret" . }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ ternary "password" $.Values.database.password.key $.Values.database.keyVault.enabled }}
{{- end }}
{{- end -}}

{{/* Pod labels for Azure workload identity. */}}
{{- define "pqe.workloadIdentityLabels" -}}
{{- if .Values.workloadIdentity.enabled }}
azure.workload.identity/use: "true"
{{- end -}}
{{- end -}}

{{/* The Key Vault volume of a pod, when the password comes from Key Vault. Call with (list $ suffix). */}}
{{- define "pqe.keyVaultVolume" -}}
{{- $ := index . 0 -}}
{{- if $.Values.database.keyVault.enabled }}
- name: key-vault
  csi:
    driver: secrets-store.csi.k8s.io
    readOnly: true
    volumeAttributes:
      secretProviderClass: {{ printf "%s%s" (include "pqe.fullname" $) (index . 1) }}
{{- end -}}
{{- end -}}

{{- define "pqe.keyVaultMount" -}}
{{- if .Values.database.keyVault.enabled }}
- name: key-vault
  mountPath: /mnt/key-vault
  readOnly: true
{{- end -}}
{{- end -}}

{{/* The container security context: no root, no privilege escalation, no capabilities, a read-only root. */}}
{{- define "pqe.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
capabilities:
  drop:
    - ALL
{{- end -}}

{{- define "pqe.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end -}}
