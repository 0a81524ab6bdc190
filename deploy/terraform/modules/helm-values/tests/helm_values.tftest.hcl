# Offline checks that the values given to the chart come from the inputs, in the chart's shape.

variables {
  image_repository              = "acrpqedevab12.azurecr.io/pqe"
  database_url                  = "postgresql://pqeadmin@psql-pqe-dev-ab12.postgres.database.azure.com:5432/pqe?sslmode=verify-full"
  key_vault_name                = "kvpqedevab12"
  database_password_secret_name = "pqe-db-password"
  tenant_id                     = "00000000-0000-0000-0000-000000000001"
  workload_identity_client_id   = "00000000-0000-0000-0000-000000000002"
}

run "password_from_key_vault_through_workload_identity" {
  command = plan

  assert {
    condition     = output.values.database.keyVault.enabled && output.values.database.keyVault.name == "kvpqedevab12"
    error_message = "the database password comes from the environment's Key Vault"
  }

  assert {
    condition     = output.values.workloadIdentity.clientId == var.workload_identity_client_id && output.values.workloadIdentity.tenantId == var.tenant_id
    error_message = "the pods run as the engines' identity"
  }

  assert {
    condition     = !output.values.ingress.tls.enabled
    error_message = "no TLS without a host and a certificate"
  }
}

run "tls_when_a_host_and_certificate_are_given" {
  command = plan

  variables {
    ingress_host    = "pqe.example.org"
    tls_secret_name = "pqe-tls"
  }

  assert {
    condition     = output.values.ingress.tls.enabled && yamldecode(output.values_yaml).ingress.host == "pqe.example.org"
    error_message = "TLS on the given host"
  }
}

run "rejects_a_url_with_a_password" {
  command = plan

  variables {
    database_url = "postgresql://pqeadmin:secret@db.example.org:5432/pqe"
  }

  expect_failures = [var.database_url]
}

run "rejects_min_above_max" {
  command = plan

  variables {
    engines = {
      stac = { min_replicas = 5, max_replicas = 2 }
      data = { min_replicas = 2, max_replicas = 20 }
    }
  }

  expect_failures = [var.engines]
}
