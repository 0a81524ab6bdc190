# PostgreSQL Flexible Server with private access only (a delegated subnet and a private DNS zone), PostGIS
# allow-listed (pqe's first migration creates the extension), and the pqe database. The administrator password
# is generated here and kept in Key Vault by the keyvault module; it never appears in an output that is not
# marked sensitive.

terraform {
  required_version = ">= 1.9.0"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 4.20.0, < 5.0.0" }
    random  = { source = "hashicorp/random", version = ">= 3.6.0, < 4.0.0" }
  }
}

variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

variable "subnet_id" {
  description = "Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers."
  type        = string
}

variable "virtual_network_id" {
  type = string
}

variable "postgres_version" {
  type    = string
  default = "16"
}

variable "sku_name" {
  description = "e.g. B_Standard_B2s (dev) or GP_Standard_D4ds_v5 (production)."
  type        = string
  default     = "B_Standard_B2s"
}

variable "storage_mb" {
  type    = number
  default = 32768
}

variable "zone" {
  type    = string
  default = "1"
}

variable "high_availability" {
  description = "A zone-redundant standby (not available on the Burstable tier)."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

variable "administrator_login" {
  type    = string
  default = "pqeadmin"
}

variable "database_name" {
  type    = string
  default = "pqe"
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "random_password" "administrator" {
  length           = 40
  special          = true
  override_special = "-_.~"
}

resource "azurerm_private_dns_zone" "this" {
  name                = "${var.name}.private.postgres.database.azure.com"
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "this" {
  name                  = "${var.name}-vnet"
  private_dns_zone_name = azurerm_private_dns_zone.this.name
  virtual_network_id    = var.virtual_network_id
  resource_group_name   = var.resource_group_name
  registration_enabled  = false
}

resource "azurerm_postgresql_flexible_server" "this" {
  name                          = var.name
  resource_group_name           = var.resource_group_name
  location                      = var.location
  version                       = var.postgres_version
  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = azurerm_private_dns_zone.this.id
  public_network_access_enabled = false
  administrator_login           = var.administrator_login
  administrator_password        = random_password.administrator.result
  sku_name                      = var.sku_name
  storage_mb                    = var.storage_mb
  auto_grow_enabled             = true
  backup_retention_days         = var.backup_retention_days
  zone                          = var.zone
  tags                          = var.tags

  authentication {
    password_auth_enabled         = true
    active_directory_auth_enabled = false
  }

  dynamic "high_availability" {
    for_each = var.high_availability ? [1] : []
    content {
      mode = "ZoneRedundant"
    }
  }

  depends_on = [azurerm_private_dns_zone_virtual_network_link.this]

  lifecycle {
    # Azure may swap primary and standby zones after a failover.
    ignore_changes = [zone, high_availability]
  }
}

# Extensions must be allow-listed before CREATE EXTENSION works on Flexible Server: pqe's migrations create
# postgis and btree_gist (GiST indexes over geometry and datetimes together).
resource "azurerm_postgresql_flexible_server_configuration" "extensions" {
  name      = "azure.extensions"
  server_id = azurerm_postgresql_flexible_server.this.id
  value     = "POSTGIS,BTREE_GIST"
}

resource "azurerm_postgresql_flexible_server_database" "pqe" {
  name      = var.database_name
  server_id = azurerm_postgresql_flexible_server.this.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}

output "fqdn" {
  value = azurerm_postgresql_flexible_server.this.fqdn
}

output "database_url" {
  description = "URL for PQE_DATABASE_URL, without the password (pqe reads it from PGPASSWORD)."
  value       = "postgresql://${var.administrator_login}@${azurerm_postgresql_flexible_server.this.fqdn}:5432/${azurerm_postgresql_flexible_server_database.pqe.name}?sslmode=verify-full"
}

output "administrator_password" {
  value     = random_password.administrator.result
  sensitive = true
}
