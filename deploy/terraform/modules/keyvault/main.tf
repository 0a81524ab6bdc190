# Key Vault with Azure RBAC; it holds the database password, which the pods read through the Secrets Store CSI
# driver as their workload identity (the identity module grants them Key Vault Secrets User).

terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 4.20.0, < 5.0.0" }
  }
}

variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

variable "tenant_id" {
  type = string
}

variable "deployer_object_id" {
  description = "Object id of the principal that runs Terraform; it writes the secrets."
  type        = string
}

variable "purge_protection" {
  description = "Keep deleted secrets recoverable for the retention period (turn on for production)."
  type        = bool
  default     = false
}

variable "allowed_subnet_ids" {
  type    = list(string)
  default = []
}

variable "allowed_ip_ranges" {
  description = "Public ranges allowed in addition to the subnets (the deploying runner, when the vault denies by default)."
  type        = list(string)
  default     = []
}

variable "default_network_action" {
  description = "Allow, or Deny (then only allowed_subnet_ids and allowed_ip_ranges reach the vault)."
  type        = string
  default     = "Allow"
}

variable "database_password_secret_name" {
  type    = string
  default = "pqe-db-password"
}

variable "database_password" {
  type      = string
  sensitive = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "azurerm_key_vault" "this" {
  name                       = var.name
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = var.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = var.purge_protection
  soft_delete_retention_days = 7
  tags                       = var.tags

  network_acls {
    default_action             = var.default_network_action
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = var.allowed_subnet_ids
    ip_rules                   = var.allowed_ip_ranges
  }
}

resource "azurerm_role_assignment" "deployer" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = var.deployer_object_id
}

resource "azurerm_key_vault_secret" "database_password" {
  name         = var.database_password_secret_name
  value        = var.database_password
  key_vault_id = azurerm_key_vault.this.id
  content_type = "password"

  depends_on = [azurerm_role_assignment.deployer]
}

output "id" {
  value = azurerm_key_vault.this.id
}

output "name" {
  value = azurerm_key_vault.this.name
}

output "database_password_secret_name" {
  value = azurerm_key_vault_secret.database_password.name
}
