terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 4.20.0, < 5.0.0" }
    random  = { source = "hashicorp/random", version = ">= 3.6.0, < 4.0.0" }
  }
  # State in a storage account, reached with Entra ID (OIDC in CI): nothing to store but the names, given at
  # init time: terraform init -backend-config=resource_group_name=... -backend-config=storage_account_name=...
  backend "azurerm" {
    container_name   = "tfstate"
    key              = "pqe-staging.tfstate"
    use_oidc         = true
    use_azuread_auth = true
  }
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
