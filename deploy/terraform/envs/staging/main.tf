# Production-shaped: an uptime SLA, zone-redundant PostgreSQL, an autoscaling engine pool, purge protection.
module "pqe" {
  source                     = "../../modules/stack"
  environment                = "staging"
  location                   = var.location
  suffix                     = var.suffix
  aks_sku_tier               = "Standard"
  system_node_count          = 2
  engines_vm_size            = "Standard_D4s_v5"
  engines_node_min           = 2
  engines_node_max           = 10
  acr_sku                    = "Premium"
  postgres_sku_name          = "GP_Standard_D4ds_v5"
  postgres_storage_mb        = 131072
  postgres_high_availability = true
  key_vault_purge_protection = true
  ingress_host               = var.ingress_host
  tls_secret_name            = var.tls_secret_name
  engines = {
    stac = { min_replicas = 2, max_replicas = 20 }
    data = { min_replicas = 2, max_replicas = 40 }
  }
}
