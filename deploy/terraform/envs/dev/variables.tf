variable "location" {
  type    = string
  default = "westeurope"
}

variable "suffix" {
  description = "4 to 6 lowercase letters and digits that make the global names (registry, storage, Key Vault) unique."
  type        = string
}

variable "ingress_host" {
  description = "Public host name of the endpoint; empty to reach it by the load balancer's address."
  type        = string
  default     = ""
}

variable "tls_secret_name" {
  type    = string
  default = ""
}
