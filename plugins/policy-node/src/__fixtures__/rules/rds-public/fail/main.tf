resource "aws_db_instance" "analytics" {
  identifier                  = "analytics"
  engine                      = "postgres"
  instance_class              = "db.t3.large"
  allocated_storage           = 100
  username                    = "analytics"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  publicly_accessible         = var.publicly_accessible
}
