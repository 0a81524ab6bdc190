# Names of every resource of one environment, in one place, within the length and character rules of each
# Azure resource type. No provider: `terraform test` checks it offline.

terraform {
  required_version = ">= 1.9.0"
}

variable "project" {
  description = "Short project name, 2 to 8 lowercase letters and digits."
  type        = string
  default     = "pqe"
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.project))
    error_message = "project must be 2 to 8 lowercase letters or digits, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name (dev, staging, prod...), 2 to 8 lowercase letters and digits."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.environment))
    error_message = "environment must be 2 to 8 lowercase letters or digits, starting with a letter."
  }
}

variable "suffix" {
  description = "4 to 6 lowercase letters and digits that make the globally unique names (registry, storage, Key Vault) unique."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9]{4,6}$", var.suffix))
    error_message = "suffix must be 4 to 6 lowercase letters or digits."
  }
}

locals {
  base    = "${var.project}-${var.environment}"
  compact = "${var.project}${var.environment}${var.suffix}"
  names = {
    resource_group      = "rg-${local.base}"
    node_resource_group = "rg-${local.base}-aks-nodes"
    virtual_network     = "vnet-${local.base}"
    aks                 = "aks-${local.base}"
    container_registry  = "acr${local.compact}"
    postgres            = "psql-${local.base}-${var.suffix}"
    redis               = "redis-${local.base}-${var.suffix}"
    storage_account     = "st${local.compact}"
    key_vault           = "kv${local.compact}"
    log_analytics       = "log-${local.base}"
    app_insights        = "appi-${local.base}"
    engines_identity    = "id-${local.base}-engines"
  }
}

output "names" {
  description = "Resource names, keyed by resource kind."
  value       = local.names
}
