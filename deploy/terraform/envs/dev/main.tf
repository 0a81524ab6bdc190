# A small environment for one team: one system node, a burstable database, no Redis.
module "pqe" {
  source                   = "../../modules/stack"
  environment              = "dev"
  location                 = var.location
  suffix                   = var.suffix
  system_node_count        = 1
  engines_vm_size          = "Standard_D2s_v5"
  engines_node_min         = 1
  engines_node_max         = 3
  postgres_sku_name        = "B_Standard_B2s"
  storage_replication_type = "LRS"
  ingress_host             = var.ingress_host
  tls_secret_name          = var.tls_secret_name
  engines = {
    stac = { min_replicas = 1, max_replicas = 3 }
    data = { min_replicas = 1, max_replicas = 3 }
  }
  pqe_config = { PQE_LOG_LEVEL = "debug" }
}
