variable "project" {
  type    = string
  default = "pqe"
}

variable "environment" {
  type = string
}

variable "location" {
  type = string
}

variable "suffix" {
  description = "4 to 6 lowercase letters and digits that make the global names unique."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the Helm release."
  type        = string
  default     = "pqe"
}

variable "release" {
  description = "Name of the Helm release; the chart's ServiceAccounts are <release>-pqe and <release>-pqe-migrate."
  type        = string
  default     = "pqe"
}

variable "address_space" {
  type    = string
  default = "10.40.0.0/16"
}

variable "kubernetes_version" {
  type    = string
  default = null
}

variable "aks_sku_tier" {
  type    = string
  default = "Free"
}

variable "system_node_count" {
  type    = number
  default = 2
}

variable "engines_vm_size" {
  type    = string
  default = "Standard_D4s_v5"
}

variable "engines_node_min" {
  type    = number
  default = 1
}

variable "engines_node_max" {
  type    = number
  default = 5
}

variable "acr_sku" {
  type    = string
  default = "Standard"
}

variable "postgres_sku_name" {
  type    = string
  default = "B_Standard_B2s"
}

variable "postgres_storage_mb" {
  type    = number
  default = 32768
}

variable "postgres_high_availability" {
  type    = bool
  default = false
}

variable "redis_enabled" {
  description = "Create Azure Cache for Redis (pqe does not use it yet)."
  type        = bool
  default     = false
}

variable "key_vault_purge_protection" {
  type    = bool
  default = false
}

variable "storage_replication_type" {
  type    = string
  default = "ZRS"
}

variable "ingress_host" {
  type    = string
  default = ""
}

variable "tls_secret_name" {
  type    = string
  default = ""
}

variable "engines" {
  description = "Autoscaling bounds of each engine's pods."
  type = object({
    stac = object({ min_replicas = number, max_replicas = number })
    data = object({ min_replicas = number, max_replicas = number })
  })
  default = {
    stac = { min_replicas = 2, max_replicas = 10 }
    data = { min_replicas = 2, max_replicas = 20 }
  }
}

variable "pqe_config" {
  description = "PQE_* settings for both engines."
  type        = map(string)
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
