# The AKS cluster: workload identity and its OIDC issuer, the Key Vault Secrets Store CSI driver, Container
# Insights, a small system pool and an autoscaling pool for the engines; AcrPull on the registry for the
# kubelet identity.

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

variable "node_resource_group" {
  type = string
}

variable "location" {
  type = string
}

variable "tenant_id" {
  type = string
}

variable "kubernetes_version" {
  description = "Minor version (e.g. 1.31); null takes AKS's default. Patches follow the upgrade channel."
  type        = string
  default     = null
}

variable "sku_tier" {
  description = "Free (no uptime SLA) or Standard."
  type        = string
  default     = "Free"
}

variable "subnet_id" {
  type = string
}

variable "zones" {
  type    = list(string)
  default = ["1", "2", "3"]
}

variable "system_vm_size" {
  type    = string
  default = "Standard_D2s_v5"
}

variable "system_node_count" {
  type    = number
  default = 2
}

variable "engines_vm_size" {
  type    = string
  default = "Standard_D4s_v5"
}

variable "engines_min_count" {
  type    = number
  default = 1
}

variable "engines_max_count" {
  type    = number
  default = 5
  validation {
    condition     = var.engines_max_count >= 1
    error_message = "engines_max_count must be at least 1."
  }
}

variable "log_analytics_workspace_id" {
  type = string
}

variable "container_registry_id" {
  type = string
}

variable "deployer_object_id" {
  description = "Object id of the principal that deploys (it installs the Helm releases); local accounts are off."
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "azurerm_kubernetes_cluster" "this" {
  name                      = var.name
  location                  = var.location
  resource_group_name       = var.resource_group_name
  node_resource_group       = var.node_resource_group
  dns_prefix                = var.name
  kubernetes_version        = var.kubernetes_version
  sku_tier                  = var.sku_tier
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  local_account_disabled    = true
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"
  tags                      = var.tags

  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_vm_size
    node_count                   = var.system_node_count
    vnet_subnet_id               = var.subnet_id
    zones                        = var.zones
    os_sku                       = "AzureLinux"
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"

    upgrade_settings {
      max_surge = "10%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    tenant_id          = var.tenant_id
    azure_rbac_enabled = true
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  oms_agent {
    log_analytics_workspace_id      = var.log_analytics_workspace_id
    msi_auth_for_monitoring_enabled = true
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    duration    = 4
    day_of_week = "Saturday"
    start_time  = "02:00"
    utc_offset  = "+00:00"
  }
}

# The engines run here (the system pool takes critical add-ons only); the cluster autoscaler adds nodes when
# the HorizontalPodAutoscalers add pods that do not fit.
resource "azurerm_kubernetes_cluster_node_pool" "engines" {
  name                  = "engines"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  vm_size               = var.engines_vm_size
  vnet_subnet_id        = var.subnet_id
  zones                 = var.zones
  os_sku                = "AzureLinux"
  mode                  = "User"
  auto_scaling_enabled  = true
  min_count             = var.engines_min_count
  max_count             = var.engines_max_count
  node_labels           = { "pqe.io/pool" = "engines" }
  tags                  = var.tags

  upgrade_settings {
    max_surge = "33%"
  }
}

resource "azurerm_role_assignment" "acr_pull" {
  scope                            = var.container_registry_id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}

# The cluster's identity manages the load balancers and public IPs in the VNet it does not own.
resource "azurerm_role_assignment" "network" {
  scope                = var.subnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.identity[0].principal_id
}

# Local accounts are off: whoever deploys needs an Entra role on the cluster.
resource "azurerm_role_assignment" "deployer" {
  scope                = azurerm_kubernetes_cluster.this.id
  role_definition_name = "Azure Kubernetes Service RBAC Cluster Admin"
  principal_id         = var.deployer_object_id
}

output "id" {
  value = azurerm_kubernetes_cluster.this.id
}

output "name" {
  value = azurerm_kubernetes_cluster.this.name
}

output "oidc_issuer_url" {
  value = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "node_pool_label" {
  description = "Value of the pqe.io/pool label of the engines' nodes."
  value       = azurerm_kubernetes_cluster_node_pool.engines.node_labels["pqe.io/pool"]
}
