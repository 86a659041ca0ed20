{%- if values.database == "postgresql" -%}
output "database_address" {
  description = "The database's host name (private)."
  value       = aws_db_instance.this.address
}

output "database_port" {
  description = "The database's port."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "The database the service uses."
  value       = aws_db_instance.this.db_name
}

output "database_username" {
  description = "The master user; its password is in the Secrets Manager secret database_password_secret_arn."
  value       = aws_db_instance.this.username
}

output "database_password_secret_arn" {
  description = "The Secrets Manager secret RDS keeps the master password in: build DATABASE_URL from it (see docs/operations.md)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "database_security_group_id" {
  description = "The database's security group."
  value       = aws_security_group.database.id
}
{%- elif values.database == "dynamodb" -%}
output "table_name" {
  description = "The table's name: the service's DYNAMODB_TABLE."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "The table's ARN."
  value       = aws_dynamodb_table.this.arn
}

output "region" {
  description = "The table's region: the service's AWS_REGION."
  value       = var.region
}

output "table_access_policy_arn" {
  description = "The IAM policy that lets the service use its table."
  value       = aws_iam_policy.table_access.arn
}
{%- else -%}
# ${{ values.name }} keeps its items in memory: it has no database and this
# module creates nothing. Choose PostgreSQL or DynamoDB in a new service to
# get its Terraform.
output "database" {
  description = "What this module creates for the service's storage."
  value       = "none: ${{ values.name }} keeps its items in memory, so there is nothing to create"
}
{%- endif %}
