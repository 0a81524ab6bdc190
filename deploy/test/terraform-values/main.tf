# Runs the helm-values module with an environment's typical outputs, offline, so that the deploy checks can
# render the chart with exactly what Terraform would give it.
terraform {
  required_version = ">= 1.9.0"
  backend "local" {}
}

module "helm_values" {
  source                        = "../../terraform/modules/helm-values"
  image_repository              = "acrpqestagingab12.azurecr.io/pqe"
  database_url                  = "postgresql://pqeadmin@psql-pqe-staging-ab12.postgres.database.azure.com:5432/pqe?sslmode=verify-full"
  key_vault_name                = "kvpqestagingab12"
  database_password_secret_name = "pqe-db-password"
  tenant_id                     = "00000000-0000-0000-0000-000000000001"
  workload_identity_client_id   = "00000000-0000-0000-0000-000000000002"
  ingress_host                  = "pqe.example.org"
  tls_secret_name               = "pqe-tls"
  node_pool_label               = "engines"
  config                        = { PQE_LOG_LEVEL = "info", PQE_REGION = "westeurope" }
}

output "values_yaml" {
  value = module.helm_values.values_yaml
}
