# The engines' user-assigned identity: federated with the chart's ServiceAccounts through the cluster's OIDC
# issuer (Azure workload identity), and given the roles it needs (Key Vault secrets, Blob data).

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

variable "oidc_issuer_url" {
  type = string
}

variable "namespace" {
  description = "Kubernetes namespace of the release."
  type        = string
}

variable "service_accounts" {
  description = "ServiceAccounts that act as this identity (the chart's: <release>-pqe and <release>-pqe-migrate)."
  type        = list(string)
}

variable "role_assignments" {
  description = "Roles of the identity, keyed by a stable name: { scope, role }."
  type        = map(object({ scope = string, role = string }))
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "azurerm_user_assigned_identity" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "this" {
  for_each            = toset(var.service_accounts)
  name                = "${var.namespace}-${each.value}"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.this.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.oidc_issuer_url
  subject             = "system:serviceaccount:${var.namespace}:${each.value}"
}

resource "azurerm_role_assignment" "this" {
  for_each             = var.role_assignments
  scope                = each.value.scope
  role_definition_name = each.value.role
  principal_id         = azurerm_user_assigned_identity.this.principal_id
}

output "client_id" {
  value = azurerm_user_assigned_identity.this.client_id
}

output "principal_id" {
  value = azurerm_user_assigned_identity.this.principal_id
}
