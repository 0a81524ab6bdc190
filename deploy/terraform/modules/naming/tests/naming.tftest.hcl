# Offline checks of the naming rules: the longest allowed inputs still give names Azure accepts.

run "longest_inputs_fit_azure_limits" {
  command = plan

  variables {
    project     = "abcdefgh"
    environment = "staging1"
    suffix      = "x1y2z3"
  }

  assert {
    condition     = length(output.names.key_vault) <= 24 && can(regex("^[a-zA-Z][a-zA-Z0-9-]+[a-zA-Z0-9]$", output.names.key_vault))
    error_message = "Key Vault names are 3 to 24 letters, digits and dashes: ${output.names.key_vault}"
  }

  assert {
    condition     = can(regex("^[a-z0-9]{3,24}$", output.names.storage_account))
    error_message = "storage account names are 3 to 24 lowercase letters and digits: ${output.names.storage_account}"
  }

  assert {
    condition     = can(regex("^[a-zA-Z0-9]{5,50}$", output.names.container_registry))
    error_message = "registry names are 5 to 50 letters and digits: ${output.names.container_registry}"
  }

  assert {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", output.names.postgres))
    error_message = "PostgreSQL server names are 3 to 63 lowercase letters, digits and dashes: ${output.names.postgres}"
  }
}

run "rejects_an_environment_with_capitals" {
  command = plan

  variables {
    environment = "Staging"
    suffix      = "ab12"
  }

  expect_failures = [var.environment]
}

run "rejects_a_short_suffix" {
  command = plan

  variables {
    environment = "dev"
    suffix      = "ab"
  }

  expect_failures = [var.suffix]
}
