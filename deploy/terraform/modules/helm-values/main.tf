# The values of the pqe Helm chart (deploy/helm/pqe) for one environment, made from the other modules'
# outputs. No provider: `terraform test` checks it offline, and the deploy checks render the chart with it.

terraform {
  required_version = ">= 1.9.0"
}

variable "image_repository" {
  description = "Registry and repository of the pqe image, e.g. acrpqedev1234.azurecr.io/pqe."
  type        = string
}

variable "database_url" {
  description = "PostgreSQL URL without the password."
  type        = string
  validation {
    condition     = can(regex("^postgres(ql)?://[^:@/]+@[^/]+/[^?]+", var.database_url))
    error_message = "database_url must be a postgresql://user@host/database URL without a password."
  }
}

variable "key_vault_name" {
  description = "Key Vault that holds the database password."
  type        = string
}

variable "database_password_secret_name" {
  description = "Name of the Key Vault secret that holds the database password."
  type        = string
}

variable "tenant_id" {
  description = "Microsoft Entra tenant of the identity and the Key Vault."
  type        = string
}

variable "workload_identity_client_id" {
  description = "Client id of the engines' user-assigned identity."
  type        = string
}

variable "ingress_host" {
  description = "Public host name of the endpoint; empty for any host, without TLS."
  type        = string
  default     = ""
}

variable "tls_secret_name" {
  description = "Secret with the TLS certificate of ingress_host."
  type        = string
  default     = ""
}

variable "node_pool_label" {
  description = "Value of the pqe.io/pool label of the nodes the engines run on; empty for any node."
  type        = string
  default     = ""
}

variable "engines" {
  description = "Autoscaling bounds per engine."
  type = object({
    stac = object({ min_replicas = number, max_replicas = number })
    data = object({ min_replicas = number, max_replicas = number })
  })
  default = {
    stac = { min_replicas = 2, max_replicas = 10 }
    data = { min_replicas = 2, max_replicas = 20 }
  }
  validation {
    condition     = alltrue([for e in values(var.engines) : e.min_replicas >= 1 && e.max_replicas >= e.min_replicas])
    error_message = "each engine needs 1 <= min_replicas <= max_replicas."
  }
}

variable "config" {
  description = "PQE_* settings for both engines."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for k in keys(var.config) : can(regex("^PQE_[A-Z0-9_]+$", k))])
    error_message = "config keys are PQE_* settings."
  }
}

locals {
  engine = { for name, e in var.engines : name => {
    autoscaling = {
      enabled                        = true
      minReplicas                    = e.min_replicas
      maxReplicas                    = e.max_replicas
      targetCPUUtilizationPercentage = 70
    }
  } }
  values = {
    image = { repository = var.image_repository }
    database = {
      url = var.database_url
      keyVault = {
        enabled    = true
        name       = var.key_vault_name
        tenantId   = var.tenant_id
        secretName = var.database_password_secret_name
      }
    }
    workloadIdentity = {
      enabled  = true
      clientId = var.workload_identity_client_id
      tenantId = var.tenant_id
    }
    config       = merge({ PQE_LOG_LEVEL = "info" }, var.config)
    nodeSelector = var.node_pool_label == "" ? {} : { "pqe.io/pool" = var.node_pool_label }
    stac         = local.engine.stac
    data         = local.engine.data
    ingress = {
      host = var.ingress_host
      tls = {
        enabled    = var.ingress_host != "" && var.tls_secret_name != ""
        secretName = var.tls_secret_name
      }
    }
  }
}

output "values" {
  description = "The chart values, as an object."
  value       = local.values
}

output "values_yaml" {
  description = "The chart values as YAML, for helm upgrade --values."
  value       = yamlencode(local.values)
}
