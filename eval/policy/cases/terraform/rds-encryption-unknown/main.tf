resource "aws_db_instance" "identity" {
  identifier                  = "identity-${var.environment}"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.t4g.large"
  allocated_storage           = 20
  username                    = "identity"
  manage_master_user_password = true
  storage_encrypted           = var.encrypt_storage
  backup_retention_period     = 7
  publicly_accessible         = false
}
