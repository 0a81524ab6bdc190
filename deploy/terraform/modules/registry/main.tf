# The container registry the images are published to; AKS pulls from it with its kubelet identity (AcrPull),
# so no registry password exists anywhere.

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

variable "sku" {
  description = "Basic, Standard or Premium (Premium adds zone redundancy)."
  type        = string
  default     = "Standard"
  validation {
    condition     = contains(["Basic", "Standard", "Premium"], var.sku)
    error_message = "sku must be Basic, Standard or Premium."
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "azurerm_container_registry" "this" {
  name                    = var.name
  resource_group_name     = var.resource_group_name
  location                = var.location
  sku                     = var.sku
  admin_enabled           = false
  zone_redundancy_enabled = var.sku == "Premium"
  tags                    = var.tags
}

output "id" {
  value = azurerm_container_registry.this.id
}

output "login_server" {
  value = azurerm_container_registry.this.login_server
}

output "name" {
  value = azurerm_container_registry.this.name
}
