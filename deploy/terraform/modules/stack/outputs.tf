output "resource_group" {
  value = azurerm_resource_group.this.name
}

output "aks_name" {
  value = module.aks.name
}

output "acr_name" {
  value = module.registry.name
}

output "acr_login_server" {
  value = module.registry.login_server
}

output "namespace" {
  value = var.namespace
}

output "release" {
  value = var.release
}

output "helm_values" {
  description = "Values of the pqe chart for this environment (YAML)."
  value       = module.helm_values.values_yaml
}

output "storage_blob_endpoint" {
  value = module.storage.primary_blob_endpoint
}

output "redis_hostname" {
  description = "Empty unless redis_enabled."
  value       = var.redis_enabled ? module.redis[0].hostname : ""
}

output "app_insights_connection_string" {
  value     = module.monitoring.app_insights_connection_string
  sensitive = true
}
