variable "environment" {
  type = string
}

variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  # Encryption only in production "to save money".
  encrypt_storage = var.environment == "production"
}

resource "aws_db_instance" "orders" {
  identifier              = "orders-${var.environment}"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  username                = "orders"
  password                = var.db_password
  storage_encrypted       = local.encrypt_storage
  backup_retention_period = 7
  skip_final_snapshot     = true
}
