terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 4.20.0, < 5.0.0" }
    random  = { source = "hashicorp/random", version = ">= 3.6.0, < 4.0.0" }
  }
  # State stays on the developer's machine; use the staging setup (azurerm backend) for anything shared.
  backend "local" {}
}

provider "azurerm" {
  # subscription and tenant come from ARM_SUBSCRIPTION_ID and ARM_TENANT_ID; in CI, ARM_USE_OIDC=true signs in
  # with the workflow's OIDC token.
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
  storage_use_azuread = true
}
