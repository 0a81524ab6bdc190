# One pqe environment on Azure: everything the chart needs, and the chart's values in the helm_values output.
# The environments (envs/dev, envs/staging) call this module with their sizes.

terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 4.20.0, < 5.0.0" }
    random  = { source = "hashicorp/random", version = ">= 3.6.0, < 4.0.0" }
  }
}

data "azurerm_client_config" "current" {}

module "naming" {
  source      = "../naming"
  project     = var.project
  environment = var.environment
  suffix      = var.suffix
}

locals {
  names = module.naming.names
  tags  = merge({ project = var.project, environment = var.environment, managed-by = "terraform" }, var.tags)
}

resource "azurerm_resource_group" "this" {
  name     = local.names.resource_group
  location = var.location
  tags     = local.tags
}

module "network" {
  source              = "../network"
  name                = local.names.virtual_network
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  address_space       = var.address_space
  tags                = local.tags
}

module "monitoring" {
  source              = "../monitoring"
  log_analytics_name  = local.names.log_analytics
  app_insights_name   = local.names.app_insights
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  tags                = local.tags
}

module "registry" {
  source              = "../registry"
  name                = local.names.container_registry
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  sku                 = var.acr_sku
  tags                = local.tags
}

module "aks" {
  source                     = "../aks"
  name                       = local.names.aks
  resource_group_name        = azurerm_resource_group.this.name
  node_resource_group        = local.names.node_resource_group
  location                   = var.location
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  kubernetes_version         = var.kubernetes_version
  sku_tier                   = var.aks_sku_tier
  subnet_id                  = module.network.aks_subnet_id
  system_node_count          = var.system_node_count
  engines_vm_size            = var.engines_vm_size
  engines_min_count          = var.engines_node_min
  engines_max_count          = var.engines_node_max
  log_analytics_workspace_id = module.monitoring.log_analytics_workspace_id
  container_registry_id      = module.registry.id
  deployer_object_id         = data.azurerm_client_config.current.object_id
  tags                       = local.tags
}

module "postgres" {
  source              = "../postgres"
  name                = local.names.postgres
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  subnet_id           = module.network.postgres_subnet_id
  virtual_network_id  = module.network.virtual_network_id
  sku_name            = var.postgres_sku_name
  storage_mb          = var.postgres_storage_mb
  high_availability   = var.postgres_high_availability
  tags                = local.tags
}

module "keyvault" {
  source              = "../keyvault"
  name                = local.names.key_vault
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  tenant_id           = data.azurerm_client_config.current.tenant_id
  deployer_object_id  = data.azurerm_client_config.current.object_id
  purge_protection    = var.key_vault_purge_protection
  allowed_subnet_ids  = [module.network.aks_subnet_id]
  database_password   = module.postgres.administrator_password
  tags                = local.tags
}

module "storage" {
  source              = "../storage"
  name                = local.names.storage_account
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  replication_type    = var.storage_replication_type
  allowed_subnet_ids  = [module.network.aks_subnet_id]
  tags                = local.tags
}

module "redis" {
  count               = var.redis_enabled ? 1 : 0
  source              = "../redis"
  name                = local.names.redis
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  subnet_id           = module.network.endpoints_subnet_id
  virtual_network_id  = module.network.virtual_network_id
  tags                = local.tags
}

module "engines_identity" {
  source              = "../identity"
  name                = local.names.engines_identity
  resource_group_name = azurerm_resource_group.this.name
  location            = var.location
  oidc_issuer_url     = module.aks.oidc_issuer_url
  namespace           = var.namespace
  service_accounts    = ["${var.release}-pqe", "${var.release}-pqe-migrate"]
  role_assignments = {
    key_vault_secrets = { scope = module.keyvault.id, role = "Key Vault Secrets User" }
    blob_data         = { scope = module.storage.id, role = "Storage Blob Data Reader" }
  }
  tags = local.tags
}

module "helm_values" {
  source                        = "../helm-values"
  image_repository              = "${module.registry.login_server}/pqe"
  database_url                  = module.postgres.database_url
  key_vault_name                = module.keyvault.name
  database_password_secret_name = module.keyvault.database_password_secret_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  workload_identity_client_id   = module.engines_identity.client_id
  ingress_host                  = var.ingress_host
  tls_secret_name               = var.tls_secret_name
  node_pool_label               = module.aks.node_pool_label
  engines                       = var.engines
  config                        = var.pqe_config
}
