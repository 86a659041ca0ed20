locals {
  is_production    = var.environment == "production"
  backup_retention = local.is_production ? 14 : 1
  instance_class   = local.is_production ? "db.r6g.xlarge" : "db.t4g.medium"
}

resource "aws_db_instance" "billing" {
  identifier                  = "billing-${var.environment}"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = local.instance_class
  allocated_storage           = 50
  username                    = "billing"
  manage_master_user_password = true
  storage_encrypted           = var.encrypt_storage || local.is_production
  backup_retention_period     = local.backup_retention
  publicly_accessible         = false
  skip_final_snapshot         = !local.is_production
}
