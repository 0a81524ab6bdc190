output "resource_group" {
  value = module.pqe.resource_group
}

output "aks_name" {
  value = module.pqe.aks_name
}

output "acr_name" {
  value = module.pqe.acr_name
}

output "acr_login_server" {
  value = module.pqe.acr_login_server
}

output "namespace" {
  value = module.pqe.namespace
}

output "release" {
  value = module.pqe.release
}

output "helm_values" {
  value = module.pqe.helm_values
}
